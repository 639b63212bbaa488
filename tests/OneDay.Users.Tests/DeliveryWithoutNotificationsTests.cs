using System.Net;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Notifications;
using OneDay.Testing;
using OneDay.Users.AccountMessaging;

namespace OneDay.Users.Tests;

/// <summary>The users service with no app registered as notifications at all until a test brings one.</summary>
public sealed class WithoutNotificationsAppFixture : UsersServiceFixture
{
    protected override bool NotificationsAppFromTheStart => false;

    // Retries keep coming every second at most, so the message follows soon after notifications appears.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["NotificationDelivery:MaxBackoff"] = "00:00:01",
    };
}

public sealed class DeliveryWithoutNotificationsTests(WithoutNotificationsAppFixture fixture) : IClassFixture<WithoutNotificationsAppFixture>
{
    [Fact]
    public async Task Verification_requests_succeed_without_a_notifications_app_and_are_delivered_once_one_appears()
    {
        var account = await fixture.RegisterAsync();
        var accessToken = TestTokens.For(account.Id, account.Role);
        Assert.Equal(HttpStatusCode.Accepted, await fixture.PostAsync("/users/verify-email/request", new { }, accessToken));
        await Eventually.TrueAsync(
            async () => await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == account.Id && p.Attempts >= 1 && p.LastError != null)) == 2,
            what: "both messages to have been tried and kept for another attempt");

        await fixture.StartNotificationsAppAsync();
        var newest = await fixture.Notifications.TokenForAsync(account.Id, NotificationKind.EmailVerification, messagesBefore: 1);

        await Eventually.TrueAsync(async () => await fixture.QueryAsync(db => db.PendingNotifications.CountAsync(p => p.UserId == account.Id)) == 0,
            what: "the delivered messages to leave the queue");
        Assert.Equal(2, fixture.Notifications.For(account.Id, NotificationKind.EmailVerification).Count());
        Assert.Equal(HttpStatusCode.NoContent, await fixture.PostAsync("/users/verify-email", new { token = newest }));
        Assert.True((await fixture.UserAsync(account.Id)).IsEmailVerified);
    }
}
