using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;

namespace OneDay.Users.Tests;

public sealed class RegistrationTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private async Task<HttpResponseMessage> RegisterAsync(object body)
    {
        using var client = fixture.Client();
        return await client.PostAsJsonAsync("/users/register", body);
    }

    private Task<int> UsersWithEmailAsync(string email)
    {
        var normalised = email.ToLowerInvariant();
        return fixture.QueryAsync(db => db.Users.CountAsync(u => u.Email == normalised));
    }

    [Fact]
    public async Task Registering_creates_an_unverified_account_announces_it_once_and_sends_a_verification_link()
    {
        var email = $"Park.{Guid.NewGuid():N}@OneDay.kr";
        var beforeRegistering = DateTimeOffset.UtcNow;

        using var response = await RegisterAsync(new { email, password = "물류-상하차-2026", displayName = " 박지은 ", phoneNumber = "01098765432", role = "Employer" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = await fixture.IdOfAsync(email);
        var user = await fixture.UserAsync(id);
        Assert.Equal(email.ToLowerInvariant(), user.Email);
        Assert.Equal("박지은", user.DisplayName);
        Assert.Equal("010-9876-5432", user.PhoneNumber);
        Assert.Equal(UserRole.Employer, user.Role);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.False(user.IsEmailVerified);
        Assert.DoesNotContain("물류-상하차-2026", user.PasswordHash, StringComparison.Ordinal);

        var created = Assert.Single(await fixture.EventsAboutAsync(id, "user-created"));
        Assert.Equal(email.ToLowerInvariant(), created.Data.GetProperty("email").GetString());
        Assert.Equal("박지은", created.Data.GetProperty("displayName").GetString());
        Assert.Equal("Employer", created.Data.GetProperty("role").GetString());
        UsersServiceFixture.AssertPayload(created, beforeRegistering, "userId", "email", "displayName", "role");

        var token = await fixture.Notifications.TokenForAsync(id, NotificationKind.EmailVerification);
        var message = Assert.Single(fixture.Notifications.For(id, NotificationKind.EmailVerification));
        Assert.Equal(email.ToLowerInvariant(), message.GetProperty("recipient").GetProperty("email").GetString());
        Assert.Equal("email", Assert.Single(message.GetProperty("channels").EnumerateArray()).GetString());
        Assert.True(token.Length >= 40, "the token carries 256 random bits");
        Assert.DoesNotContain(fixture.Events.Received, e => e.CloudEvent.ToString().Contains(token, StringComparison.Ordinal));
        await Eventually.TrueAsync(async () => await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == id)) == 0,
            what: "the delivered message to leave the queue");
    }

    [Fact]
    public async Task Registering_a_taken_address_in_any_case_answers_as_a_free_one_would_and_only_its_owner_is_told()
    {
        var owner = await fixture.RegisterAsync();
        await fixture.Notifications.TokenForAsync(owner.Id, NotificationKind.EmailVerification);
        var freeEmail = $"free-{Guid.NewGuid():N}@oneday.kr";

        using var free = await RegisterAsync(new { email = freeEmail, password = "다른-비밀번호-2026", displayName = "김영희", phoneNumber = "010-2222-3333", role = "Worker" });
        using var taken = await RegisterAsync(new { email = owner.Email.ToUpperInvariant(), password = "다른-비밀번호-2026", displayName = "김영희", phoneNumber = "010-2222-3333", role = "Worker" });

        // Status, body and content type alike: nothing in the answer says the address had an account.
        Assert.Equal(HttpStatusCode.Accepted, free.StatusCode);
        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(await free.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        Assert.Equal(free.Content.Headers.ContentType, taken.Content.Headers.ContentType);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);

        Assert.Equal(1, await UsersWithEmailAsync(owner.Email));
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.For(owner.Id, NotificationKind.SignUpAttempt).Any()), what: "the owner's sign-up attempt notice");
        var notice = Assert.Single(fixture.Notifications.For(owner.Id, NotificationKind.SignUpAttempt));
        Assert.Equal(owner.Email, notice.GetProperty("recipient").GetProperty("email").GetString());
        Assert.Equal("김민수", notice.GetProperty("parameters").GetProperty("displayName").GetString());
        Assert.False(notice.GetProperty("parameters").TryGetProperty("token", out _), "a notice carries no link that does anything");
        Assert.Single(fixture.Notifications.For(owner.Id, NotificationKind.EmailVerification));
        Assert.NotEqual(owner.Id, await fixture.IdOfAsync(freeEmail));
    }

    [Fact]
    public async Task The_owner_hears_of_repeated_sign_up_attempts_once_an_hour_not_once_each()
    {
        var owner = await fixture.RegisterAsync();
        var attempt = new { email = owner.Email, password = "다른-비밀번호-2026", displayName = "김영희", phoneNumber = "010-2222-3333", role = "Worker" };
        using (var first = await RegisterAsync(attempt)) Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.For(owner.Id, NotificationKind.SignUpAttempt).Any()), what: "the first notice");

        using (var second = await RegisterAsync(attempt)) Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);

        Assert.Equal(0, await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == owner.Id)));
        Assert.Single(fixture.Notifications.For(owner.Id, NotificationKind.SignUpAttempt));
    }

    [Theory]
    [InlineData("short-pw1")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("QWERTYUIOP")]
    [InlineData("1234567890")]
    [InlineData("password123!")]
    public async Task A_weak_password_is_refused_and_nothing_is_created(string password)
    {
        var email = $"weak-{Guid.NewGuid():N}@oneday.kr";

        using var response = await RegisterAsync(new { email, password, displayName = "이철수", phoneNumber = "010-1111-2222", role = "Worker" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _), problem.ToString());
        Assert.Equal(0, await UsersWithEmailAsync(email));
    }

    public static TheoryData<string, object> InvalidRegistrations() => new()
    {
        { "role", new { email = "admin-wannabe@oneday.kr", password = "관리자-되고-싶다-2026", displayName = "해커", phoneNumber = "010-1111-2222", role = "Admin" } },
        { "phoneNumber", new { email = "bad-phone@oneday.kr", password = "전화번호-틀림-2026", displayName = "이철수", phoneNumber = "02-123-4567", role = "Worker" } },
        { "phoneNumber", new { email = "short-010@oneday.kr", password = "전화번호-틀림-2026", displayName = "이철수", phoneNumber = "010-123-4567", role = "Worker" } },
        { "email", new { email = "not-an-email", password = "이메일-틀림-2026", displayName = "이철수", phoneNumber = "010-1111-2222", role = "Worker" } },
        { "password", new { email = "same@oneday.kr", password = "same@oneday.kr", displayName = "이철수", phoneNumber = "010-1111-2222", role = "Worker" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task An_invalid_field_is_a_400_naming_it_and_creates_nothing(string field, object body)
    {
        var before = await fixture.QueryAsync(db => db.Users.CountAsync());

        using var response = await RegisterAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await fixture.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_role_or_a_missing_field_is_a_400_not_a_500()
    {
        using var unknownRole = await RegisterAsync(new { email = "x@oneday.kr", password = "역할-모름-2026-!", displayName = "이철수", phoneNumber = "010-1111-2222", role = "Owner" });
        using var missing = await RegisterAsync(new { email = "y@oneday.kr" });

        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
