using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.Accounts;

namespace OneDay.Users.Tests;

public sealed class ProfileTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    private static object Edit(string displayName = "김민수", string phoneNumber = "010-5555-6666", object? payoutAccount = null, string? currentPassword = null) => new
    {
        currentPassword,
        displayName,
        phoneNumber,
        bio = "상하차 경력 3년, 지게차 자격증 보유",
        skills = new[] { "상하차", "지게차", "상하차" },
        preferredRegions = new[] { "서울 강서구", "경기 김포시" },
        payoutAccount,
    };

    private async Task<(TestAccount Account, string AccessToken)> SignedInAsync()
    {
        var account = await fixture.RegisterAsync();
        return (account, (await fixture.TokensForAsync(account)).AccessToken);
    }

    [Fact]
    public async Task A_nul_character_in_a_profile_field_is_a_400_problem_and_changes_nothing()
    {
        var (_, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        var before = await client.GetStringAsync(new Uri("/users/profile", UriKind.Relative));

        using var put = await client.PutAsJsonAsync("/users/profile", Edit(displayName: "김\0민수"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await client.GetStringAsync(new Uri("/users/profile", UriKind.Relative)));
    }

    [Fact]
    public async Task The_profile_is_the_callers_own_and_the_payout_account_is_masked()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);

        using var put = await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: new { bankName = "국민은행", accountNumber = "123456-78-901234", accountHolder = "김민수" }, currentPassword: account.Password));
        var profile = await client.GetFromJsonAsync<JsonElement>("/users/profile");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(account.Id, profile.GetProperty("id").GetGuid());
        Assert.Equal(account.Email, profile.GetProperty("email").GetString());
        Assert.Equal("010-5555-6666", profile.GetProperty("phoneNumber").GetString());
        Assert.Equal(["상하차", "지게차"], profile.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("상하차 경력 3년, 지게차 자격증 보유", profile.GetProperty("bio").GetString());
        Assert.Equal(["서울 강서구", "경기 김포시"], profile.GetProperty("preferredRegions").EnumerateArray().Select(r => r.GetString()));
        var payout = profile.GetProperty("payoutAccount");
        Assert.Equal("**********1234", payout.GetProperty("accountNumber").GetString());
        Assert.DoesNotContain("12345678901234", profile.ToString(), StringComparison.Ordinal);
        Assert.Equal("12345678901234", (await fixture.UserAsync(account.Id)).Payout!.AccountNumber);
    }

    [Fact]
    public async Task Changing_the_payout_account_takes_the_current_password_and_e_mails_the_owner()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        var thiefs = new { bankName = "하나은행", accountNumber = "999-888777-66555", accountHolder = "김민수" };
        var owners = new { bankName = "국민은행", accountNumber = "123456-78-901234", accountHolder = "김민수" };

        using var bareToken = await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: thiefs));
        using var wrongPassword = await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: thiefs, currentPassword: "추측한-비밀번호-2026"));
        var untouched = await fixture.UserAsync(account.Id);
        using var confirmed = await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: owners, currentPassword: account.Password));
        using var otherFieldsOnly = await client.PutAsJsonAsync("/users/profile", Edit(displayName: "김민준"));

        Assert.Equal(HttpStatusCode.BadRequest, bareToken.StatusCode);
        Assert.True((await bareToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.Forbidden, wrongPassword.StatusCode);
        Assert.Null(untouched.Payout);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherFieldsOnly.StatusCode);
        Assert.Equal("12345678901234", (await fixture.UserAsync(account.Id)).Payout!.AccountNumber);

        await Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.For(account.Id, NotificationKind.PayoutAccountChanged).Any()), what: "the payout-account notice");
        var notice = Assert.Single(fixture.Notifications.For(account.Id, NotificationKind.PayoutAccountChanged));
        Assert.Equal(account.Email, notice.GetProperty("recipient").GetProperty("email").GetString());
        Assert.Equal("email", Assert.Single(notice.GetProperty("channels").EnumerateArray()).GetString());
        Assert.Equal("국민은행", notice.GetProperty("parameters").GetProperty("bankName").GetString());
        Assert.Equal("**********1234", notice.GetProperty("parameters").GetProperty("accountNumber").GetString());
        Assert.DoesNotContain("12345678901234", notice.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_role_status_and_id_in_a_profile_edit_change_nothing()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        var otherId = Guid.NewGuid();

        using var put = await client.PutAsJsonAsync("/users/profile", new
        {
            id = otherId,
            email = "attacker@evil.example",
            role = "Admin",
            status = "Suspended",
            emailVerified = true,
            displayName = "바뀐이름",
            phoneNumber = "010-7777-8888",
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var shown = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Id, shown.GetProperty("id").GetGuid());
        Assert.Equal("Worker", shown.GetProperty("role").GetString());
        Assert.Equal("Active", shown.GetProperty("status").GetString());
        var user = await fixture.UserAsync(account.Id);
        Assert.Equal(account.Email, user.Email);
        Assert.Equal(UserRole.Worker, user.Role);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Null(user.SuspendedAt);
        Assert.False(user.IsEmailVerified);
        Assert.Equal("바뀐이름", user.DisplayName);
        Assert.Equal(0, await fixture.QueryAsync(db => db.Users.CountAsync(u => u.Email == "attacker@evil.example" || u.Id == otherId)));
        using var login = await fixture.LogInAsync(account.Email, account.Password, "192.0.2.91");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task One_user_cannot_read_or_change_anothers_profile()
    {
        var (aliceAccount, aliceToken) = await SignedInAsync();
        var (bobAccount, bobToken) = await SignedInAsync();
        using var alice = fixture.Client(aliceToken);
        using var bob = fixture.Client(bobToken);
        using (await alice.PutAsJsonAsync("/users/profile", Edit(displayName: "앨리스"))) { }

        var bobsView = await bob.GetFromJsonAsync<JsonElement>("/users/profile");
        using var bobsEdit = await bob.PutAsJsonAsync("/users/profile", Edit(displayName: "밥아저씨"));

        Assert.Equal(bobAccount.Id, bobsView.GetProperty("id").GetGuid());
        Assert.DoesNotContain("앨리스", bobsView.ToString(), StringComparison.Ordinal);
        Assert.Equal("앨리스", (await fixture.UserAsync(aliceAccount.Id)).DisplayName);
        Assert.Equal("밥아저씨", (await fixture.UserAsync(bobAccount.Id)).DisplayName);
    }

    [Fact]
    public async Task A_change_publishes_user_updated_once_and_an_identical_edit_publishes_nothing()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        var beforeEditing = DateTimeOffset.UtcNow;

        using (await client.PutAsJsonAsync("/users/profile", Edit(displayName: "최수진", phoneNumber: "010-3333-4444"))) { }
        using (await client.PutAsJsonAsync("/users/profile", Edit(displayName: "최수진", phoneNumber: "010-3333-4444"))) { }

        var updated = Assert.Single(await fixture.EventsAboutAsync(account.Id, "user-updated"));
        Assert.Equal("최수진", updated.Data.GetProperty("displayName").GetString());
        Assert.Equal("010-3333-4444", updated.Data.GetProperty("phoneNumber").GetString());
        UsersServiceFixture.AssertPayload(updated, beforeEditing, "userId", "displayName", "phoneNumber");
    }

    [Fact]
    public async Task An_edit_of_only_what_user_updated_does_not_carry_is_saved_but_not_announced()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        using (var nameAndPhone = await client.PutAsJsonAsync("/users/profile", Edit(displayName: "정하늘", phoneNumber: "010-2468-1357")))
        {
            Assert.Equal(HttpStatusCode.OK, nameAndPhone.StatusCode);
        }

        using var privateOnly = await client.PutAsJsonAsync("/users/profile", new
        {
            displayName = "정하늘",
            phoneNumber = "010-2468-1357",
            bio = "행사 스태프 경력 2년",
            skills = new[] { "행사 진행" },
            preferredRegions = new[] { "부산 해운대구" },
            payoutAccount = new { bankName = "우리은행", accountNumber = "1002-123-456789", accountHolder = "정하늘" },
            currentPassword = account.Password,
        });

        Assert.Equal(HttpStatusCode.OK, privateOnly.StatusCode);
        var user = await fixture.UserAsync(account.Id);
        Assert.Equal("행사 스태프 경력 2년", user.Bio);
        Assert.Equal(["부산 해운대구"], user.PreferredRegions);
        Assert.Equal("1002123456789", user.Payout!.AccountNumber);
        var updated = Assert.Single(await fixture.EventsAboutAsync(account.Id, "user-updated"));
        Assert.Equal("정하늘", updated.Data.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task An_invalid_edit_is_a_400_and_changes_nothing()
    {
        var (account, accessToken) = await SignedInAsync();
        using var client = fixture.Client(accessToken);
        var before = await fixture.UserAsync(account.Id);

        using var badPhone = await client.PutAsJsonAsync("/users/profile", Edit(phoneNumber: "12345"));
        using var badAccount = await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: new { bankName = "국민은행", accountNumber = "abc", accountHolder = "김민수" }));
        using var tooManySkills = await client.PutAsJsonAsync("/users/profile", new { displayName = "김민수", phoneNumber = "010-1111-2222", skills = Enumerable.Range(0, 31).Select(i => $"skill{i}") });

        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAccount.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooManySkills.StatusCode);
        var after = await fixture.UserAsync(account.Id);
        Assert.Equal(before.PhoneNumber, after.PhoneNumber);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Without_a_token_the_callers_own_endpoints_are_401()
    {
        using var client = fixture.Client();

        using var get = await client.GetAsync(new Uri("/users/profile", UriKind.Relative));
        using var delete = await client.DeleteAsync(new Uri("/users/account", UriKind.Relative));
        using var put = await client.PutAsJsonAsync("/users/profile", Edit());

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await fixture.PostAsync("/users/verify-email/request", new { }));
    }

    [Fact]
    public async Task Deleting_the_account_forgets_the_failed_logins_that_name_its_email()
    {
        var (account, accessToken) = await SignedInAsync();
        var someoneElse = $"other-{Guid.NewGuid():N}@oneday.kr";
        (await fixture.LogInAsync(account.Email, "틀린-비밀번호-입니다", "192.0.2.61")).Dispose();
        (await fixture.LogInAsync(account.Email, "틀린-비밀번호-입니다", "192.0.2.62")).Dispose();
        (await fixture.LogInAsync(someoneElse, "틀린-비밀번호-입니다", "192.0.2.61")).Dispose();
        Assert.Equal(2, await FailuresNamingAsync(account.Email));
        using var client = fixture.Client(accessToken);

        using var delete = await client.DeleteAsync(new Uri("/users/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, await FailuresNamingAsync(account.Email));
        Assert.Equal(1, await FailuresNamingAsync(someoneElse));
    }

    private Task<int> FailuresNamingAsync(string email) =>
        fixture.QueryAsync(db => db.LoginFailures.CountAsync(f => f.ThrottleKey.Contains(email)));

    [Fact]
    public async Task Deleting_the_account_anonymises_it_ends_its_sessions_and_announces_it_once()
    {
        var account = await fixture.RegisterAsync();
        var beforeDeleting = DateTimeOffset.UtcNow;
        var tokens = await fixture.TokensForAsync(account);
        using var client = fixture.Client(tokens.AccessToken);
        using (await client.PutAsJsonAsync("/users/profile", Edit(payoutAccount: new { bankName = "신한은행", accountNumber = "110-123-456789", accountHolder = "김민수" }, currentPassword: account.Password))) { }

        using var delete = await client.DeleteAsync(new Uri("/users/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var user = await fixture.UserAsync(account.Id);
        Assert.Equal(UserStatus.Deleted, user.Status);
        Assert.NotEqual(account.Email, user.Email);
        Assert.Equal(User.AnonymisedName, user.DisplayName);
        Assert.Null(user.PhoneNumber);
        Assert.Null(user.Payout);
        Assert.Empty(user.Skills);
        using var login = await fixture.LogInAsync(account.Email, account.Password, "192.0.2.44");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        using var refreshClient = fixture.Client();
        using var refresh = await refreshClient.PostAsJsonAsync("/users/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        // The access token died with the account.
        using var profile = await client.GetAsync(new Uri("/users/profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, profile.StatusCode);
        var deleted = Assert.Single(await fixture.EventsAboutAsync(account.Id, "user-deleted"));
        Assert.Equal(account.Id, deleted.Data.GetProperty("userId").GetGuid());
        UsersServiceFixture.AssertPayload(deleted, beforeDeleting, "userId");

        using var reRegister = await refreshClient.PostAsJsonAsync("/users/register", new { email = account.Email, password = "다시-가입합니다-2026", displayName = "김민수", phoneNumber = "010-1234-5678", role = "Worker" });
        Assert.Equal(HttpStatusCode.Accepted, reRegister.StatusCode);
        Assert.NotEqual(account.Id, await fixture.IdOfAsync(account.Email));
    }
}
