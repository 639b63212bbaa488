using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.AccountMessaging;

namespace OneDay.Users.Tests;

public sealed class VerificationTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    [Fact]
    public async Task The_verification_link_verifies_once_and_announces_it_once()
    {
        var account = await fixture.RegisterAsync();
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);
        var beforeVerifying = DateTimeOffset.UtcNow;

        var first = await fixture.PostAsync("/users/verify-email", new { token });
        var second = await fixture.PostAsync("/users/verify-email", new { token });

        Assert.Equal(HttpStatusCode.NoContent, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.True((await fixture.UserAsync(account.Id)).IsEmailVerified);
        var verified = Assert.Single(await fixture.EventsAboutAsync(account.Id, "user-verified"));
        Assert.Equal(account.Id, verified.Data.GetProperty("userId").GetGuid());
        UsersServiceFixture.AssertPayload(verified, beforeVerifying, "userId");
    }

    [Fact]
    public async Task A_new_verification_link_replaces_the_old_one()
    {
        var account = await fixture.RegisterAsync();
        var oldToken = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);
        var accessToken = (await fixture.TokensForAsync(account)).AccessToken;

        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/verify-email/request", new { }, accessToken));
        var newToken = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification, messagesBefore: 1);

        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/verify-email", new { token = oldToken }));
        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/verify-email", new { token = newToken }));
        Assert.Equal(HttpStatusCode.Conflict, await fixture.PostAsync("/users/verify-email/request", new { }, accessToken));
    }

    [Fact]
    public async Task A_token_made_up_or_meant_for_another_purpose_does_not_verify()
    {
        var account = await fixture.RegisterAsync();
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = account.Email }));
        var resetToken = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);

        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/verify-email", new { token = resetToken }));
        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/verify-email", new { token = "made-up-token" }));
        Assert.False((await fixture.UserAsync(account.Id)).IsEmailVerified);
    }

    [Fact]
    public async Task A_password_reset_sets_the_new_password_once_and_ends_every_session()
    {
        var account = await fixture.RegisterAsync();
        var session = await fixture.TokensForAsync(account);
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = account.Email.ToUpperInvariant() }));
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);

        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/reset-password", new { token, newPassword = "새로운-비밀번호-2026" }));
        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/reset-password", new { token, newPassword = "또다른-비밀번호-2026" }));

        using var oldPassword = await fixture.LogInAsync(account.Email, account.Password, "192.0.2.80");
        using var newPassword = await fixture.LogInAsync(account.Email, "새로운-비밀번호-2026", "192.0.2.80");
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await fixture.PostAsync("/users/refresh", new { refreshToken = session.RefreshToken }));
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_without_using_up_the_link()
    {
        var account = await fixture.RegisterAsync();
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = account.Email }));
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);

        Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/reset-password", new { token, newPassword = "qwer1234!!" }));
        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/reset-password", new { token, newPassword = "튼튼한-비밀번호-2026" }));
    }

    [Fact]
    public async Task A_reset_request_for_an_unknown_email_looks_the_same_and_sends_nothing()
    {
        var messagesBefore = fixture.Notifications.Received.Count;
        var email = $"nobody-{Guid.NewGuid():N}@oneday.kr";
        var requestedAt = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email }));

        Assert.Equal(0, await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.CreatedAt >= requestedAt)));
        Assert.DoesNotContain(fixture.Notifications.Received.Skip(messagesBefore), m => m.GetProperty("recipient").GetProperty("email").GetString() == email);
    }

    [Fact]
    public async Task A_message_notifications_refuses_is_retried_until_it_is_accepted()
    {
        fixture.Notifications.RefuseNext(3);
        var attemptsBefore = fixture.Notifications.Attempts;

        var account = await fixture.RegisterAsync();
        var token = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);

        Assert.True(fixture.Notifications.Attempts - attemptsBefore >= 4, $"{fixture.Notifications.Attempts - attemptsBefore} attempts");
        Assert.Single(fixture.Notifications.For(account.Id, NotificationKind.EmailVerification));
        await Eventually.TrueAsync(async () => await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == account.Id)) == 0,
            what: "the delivered message to leave the queue");
        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/verify-email", new { token }));
    }

    [Fact]
    public async Task No_table_holds_a_token_in_plain_text_after_a_request_or_a_failed_then_retried_delivery()
    {
        fixture.Notifications.RefuseNext(int.MaxValue);
        try
        {
            var account = await fixture.RegisterAsync();
            await Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.RefusedTokensFor(account.Id, NotificationKind.EmailVerification).Count >= 2),
                what: "two refused attempts to send the verification link");
            var refusedTokens = fixture.Notifications.RefusedTokensFor(account.Id, NotificationKind.EmailVerification);

            // The request is still owed: its row waits for the next attempt, holding no token.
            Assert.Equal(1, await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == account.Id)));
            foreach (var refused in refusedTokens) await AssertNoTableHoldsAsync(refused);

            fixture.Notifications.RefuseNext(0);
            var delivered = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification);
            var session = await fixture.TokensForAsync(account);
            Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/reset-password/request", new { email = account.Email }));
            var resetToken = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.PasswordReset);

            Assert.True(refusedTokens.Append(delivered).Distinct().Count() == refusedTokens.Count + 1, "every attempt carries a fresh token");
            foreach (var token in refusedTokens.Append(delivered).Append(session.RefreshToken).Append(resetToken)) await AssertNoTableHoldsAsync(token);
            foreach (var refused in refusedTokens) Assert.Equal(HttpStatusCode.BadRequest, await fixture.PostAsync("/users/verify-email", new { token = refused }));
            Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/verify-email", new { token = delivered }));
        }
        finally
        {
            fixture.Notifications.RefuseNext(0);
        }
    }

    private async Task AssertNoTableHoldsAsync(string token)
    {
        var (holding, searched) = await fixture.TablesHoldingAsync(token);
        Assert.Empty(holding);
        Assert.Superset(new HashSet<string> { "one_time_tokens", "refresh_tokens", "pending_notifications" }, searched.ToHashSet());
    }
}
