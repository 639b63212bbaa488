using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Delivery;
using OneDay.Testing;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>
/// The service with an `sms` binding that fails every write: its root folder is replaced by a regular file
/// once the sidecar has loaded it, as a full disk or an unreachable SMS provider would fail.
/// </summary>
public sealed class BrokenSmsFixture : NotificationsFixture
{
    private string BrokenSmsRoot => Path.Combine(Outbox, "sms-broken");

    protected override bool WithReplica => false;

    protected override void WriteBindings()
    {
        WriteBinding("email", Path.Combine(Outbox, "email"));
        WriteBinding("push", Path.Combine(Outbox, "push"));
        WriteBinding("sms", BrokenSmsRoot);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.Delete(BrokenSmsRoot, recursive: true);
        await File.WriteAllTextAsync(BrokenSmsRoot, "not a folder");
    }
}

public sealed class FailingChannelTests(BrokenSmsFixture fixture) : IClassFixture<BrokenSmsFixture>
{
    [Fact]
    public async Task A_failing_sms_is_retried_and_recorded_without_stopping_email_push_or_in_app()
    {
        var workerId = await fixture.RegisteredUserAsync(phoneNumber: "01077778888");
        await fixture.RegisterDeviceAsync(workerId);

        await fixture.PublishAsync(Stamped(new JobMatched(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), workerId, "주말 행사 스태프", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        Assert.Single(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.JobMatched);
        await fixture.SentEventuallyAsync("push", workerId);
        await fixture.SentEventuallyAsync("email", workerId); // the welcome, sent beside the failing texts
        await Eventually.TrueAsync(() => fixture.QueryAsync(db => db.Deliveries.AnyAsync(d => d.UserId == workerId && d.Channel == NotificationChannel.Sms && d.Attempts >= 2)),
            what: "the sms delivery retried");
        var sms = await fixture.QueryAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.UserId == workerId && d.Channel == NotificationChannel.Sms));
        Assert.Equal(DeliveryStatus.Pending, sms.Status);
        Assert.NotNull(sms.LastError);
        Assert.NotNull(sms.Body); // kept for the next attempt
        Assert.True(sms.NextAttemptAt > sms.CreatedAt);
    }
}
