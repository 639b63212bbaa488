using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Authentication;

namespace OneDay.Users.Tests;

/// <summary>
/// What expires, on a fake clock (<see cref="FakeClock"/>). Access tokens are checked against the real
/// clock, so the service's own (issued on the fake one) are not used once it has moved: test tokens are.
/// </summary>
public sealed class ExpiryTests(FakeClockUsersFixture fixture) : IClassFixture<FakeClockUsersFixture>
{
    [Fact]
    public async Task An_email_verification_link_expires_after_a_day()
    {
        var account = await fixture.RegisterAsync();
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);

        FakeClock.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/verify-email", new { token }));
        Assert.False((await fixture.UserAsync(account.Id)).IsEmailVerified);
    }

    [Fact]
    public async Task A_password_reset_link_works_once_within_its_30_minutes_and_not_after()
    {
        var first = await fixture.RegisterAsync();
        var second = await fixture.RegisterAsync();
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = first.Email }));
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = second.Email }));
        var firstToken = await fixture.Notifications.TokenForAsync(first.Id, NotificationKind.PasswordReset);
        var secondToken = await fixture.Notifications.TokenForAsync(second.Id, NotificationKind.PasswordReset);

        FakeClock.Time.Advance(TimeSpan.FromMinutes(29));
        var withinLifetime = await fixture.PostAsync("/users/reset-password", new { token = firstToken, newPassword = "새-비밀번호-스물아홉분" });
        var usedAgain = await fixture.PostAsync("/users/reset-password", new { token = firstToken, newPassword = "또-다른-비밀번호-2026" });
        FakeClock.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await fixture.PostAsync("/users/reset-password", new { token = secondToken, newPassword = "새-비밀번호-삼십일분" });

        Assert.Equal(HttpStatusCode.NoContent, withinLifetime);
        Assert.Equal(HttpStatusCode.BadRequest, usedAgain);
        Assert.Equal(HttpStatusCode.BadRequest, expired);
        using var oldPasswordOfSecond = await fixture.LogInAsync(second.Email, second.Password, "203.0.113.50");
        Assert.Equal(HttpStatusCode.OK, oldPasswordOfSecond.StatusCode);
        using var newPasswordOfFirst = await fixture.LogInAsync(first.Email, "새-비밀번호-스물아홉분", "203.0.113.50");
        Assert.Equal(HttpStatusCode.OK, newPasswordOfFirst.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_within_its_30_days_and_is_a_401_after()
    {
        var account = await fixture.RegisterAsync();
        var first = await fixture.TokensForAsync(account);

        FakeClock.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        using var withinLifetime = await RefreshAsync(first.RefreshToken);
        var second = (await withinLifetime.Content.ReadFromJsonAsync<TokenPair>(ContractJson.Options))!;
        FakeClock.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var expired = await RefreshAsync(second.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, withinLifetime.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = fixture.Client();
        return await client.PostAsJsonAsync("/users/refresh", new { refreshToken });
    }

    [Fact]
    public async Task An_account_throttled_after_failed_logins_may_try_again_once_the_window_has_passed()
    {
        var account = await fixture.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await fixture.LogInAsync(account.Email, "틀린-비밀번호-입니다", "198.51.100.7");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using var throttled = await fixture.LogInAsync(account.Email, account.Password, "198.51.100.7");
        var retryAfter = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

        FakeClock.Time.Advance(TimeSpan.FromSeconds(retryAfter));
        using var afterWindow = await fixture.LogInAsync(account.Email, account.Password, "198.51.100.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.InRange(retryAfter, 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Failed_logins_of_every_key_are_pruned_once_they_leave_the_window_and_current_ones_kept()
    {
        var guessedOnce = $"guessed-{Guid.NewGuid():N}@oneday.kr";
        var guessedLater = $"later-{Guid.NewGuid():N}@oneday.kr";
        (await fixture.LogInAsync(guessedOnce, "틀린-비밀번호-입니다", "198.51.100.31")).Dispose();
        FakeClock.Time.Advance(TimeSpan.FromMinutes(8));
        (await fixture.LogInAsync(guessedLater, "틀린-비밀번호-입니다", "198.51.100.32")).Dispose();

        // The first failures leave the 15-minute window; the later ones are 8 minutes younger and stay in it.
        FakeClock.Time.Advance(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(async () => await FailuresAsync(guessedOnce, "198.51.100.31") == 0, what: "the expired failures to be pruned");
        Assert.Equal(2, await FailuresAsync(guessedLater, "198.51.100.32"));
    }

    private Task<int> FailuresAsync(string email, string address)
    {
        string[] keys = [LoginThrottle.AccountKey(email), LoginThrottle.AddressKey(IPAddress.Parse(address))];
        return fixture.QueryAsync(db => db.LoginFailures.CountAsync(f => keys.Contains(f.ThrottleKey)));
    }

    [Fact]
    public async Task Reset_links_are_sent_at_most_once_a_minute_without_the_answer_telling()
    {
        var account = await fixture.RegisterAsync();

        var first = await fixture.PostAsync("/users/reset-password/request", new { email = account.Email });
        await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);
        var second = await fixture.PostAsync("/users/reset-password/request", new { email = account.Email });
        FakeClock.Time.Advance(FakeClockUsersFixture.ResendCooldown);
        var third = await fixture.PostAsync("/users/reset-password/request", new { email = account.Email });
        await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset, messagesBefore: 1);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], [first, second, third]);
        Assert.Equal(2, fixture.Notifications.For(account.Id, NotificationKind.PasswordReset).Count());
    }

    [Fact]
    public async Task A_new_verification_link_right_after_the_last_one_is_a_429_saying_when()
    {
        var account = await fixture.RegisterAsync();
        // Signed on the real clock, which the token check uses (see the class summary).
        using var client = fixture.Client(TestTokens.For(account.Id, account.Role));

        using var tooSoon = await client.PostAsJsonAsync("/users/verify-email/request", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.InRange(tooSoon.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), FakeClockUsersFixture.ResendCooldown);
    }
}
