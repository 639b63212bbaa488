using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Data;
using OneDay.Notifications.InApp;
using OneDay.Notifications.Realtime;
using OneDay.Persistence;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Notifications.Delivery;

/// <summary>
/// Sends what committed: new in-app entries to the user's hub connections (with the new unread count),
/// then due channel deliveries through their bindings. Woken by <see cref="DeliverySignal"/> on this
/// replica and sweeping every <see cref="DeliveryOptions.SweepInterval"/> for other replicas' work and for
/// messages deferred past quiet hours or a failure. Rows are claimed with FOR UPDATE SKIP LOCKED, so
/// replicas never take the same one. Channels are sent side by side and each records its own outcome:
/// a failing channel waits with backoff and never holds up the others or the in-app entry.
/// </summary>
public sealed class DeliveryDispatcher(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    ChannelSender sender,
    RealtimeNotifier realtime,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger) : DueWorkService(signal, options.Value.SweepInterval, time, logger)
{
    private readonly RetryBackoff _backoff = new(options.Value.InitialBackoff, options.Value.MaxBackoff);

    protected override string Description => "sending channel deliveries";

    protected override async Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken)
    {
        // Separately guarded: the hub (Redis) being down must not hold back e-mail, SMS and push, nor the reverse.
        try
        {
            await PushNewEntriesAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Logger.LogWarning(ex, "pushing new notifications to the hub failed; trying again in {Wait}", SweepInterval);
        }
        return await scopes.WorkThroughAsync<NotificationsDbContext, ChannelDelivery>(Time, options.Value.BatchSize,
            claim: (db, now, limit) => db.Deliveries
                .FromSql($"SELECT * FROM channel_deliveries WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {limit} FOR UPDATE SKIP LOCKED"),
            handle: async (db, batch, _, cancellationToken) => await SendAsync(await StillAddressedAsync(db, batch, cancellationToken), cancellationToken),
            dueTimes: db => db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).Select(d => d.NextAttemptAt),
            stoppingToken);
    }

    private async Task PushNewEntriesAsync(CancellationToken cancellationToken) =>
        await scopes.WorkThroughAsync<NotificationsDbContext, Notification>(Time, options.Value.BatchSize,
            claim: (db, _, limit) => db.Notifications
                .FromSql($"SELECT * FROM notifications WHERE pushed_at IS NULL ORDER BY created_at LIMIT {limit} FOR UPDATE SKIP LOCKED"),
            handle: async (db, batch, now, token) =>
            {
                foreach (var entry in batch)
                {
                    await realtime.SendNotificationAsync(entry.UserId, NotificationView.Of(entry), token);
                    entry.PushedAt = now;
                }
                foreach (var userId in batch.Select(n => n.UserId).Distinct())
                {
                    await realtime.SendUnreadCountAsync(userId, await db.Notifications.CountUnreadAsync(userId, token), token);
                }
            },
            dueTimes: null,
            cancellationToken);

    /// <summary>
    /// The deliveries whose address still reaches their user; the others are given up. A push is checked
    /// against the device registry when it is sent, not when it was planned: a phone may have changed hands
    /// in between (quiet hours, retries), and the check in the same transaction as the claim is the one
    /// place no registration can slip past.
    /// </summary>
    private static async Task<IReadOnlyList<ChannelDelivery>> StillAddressedAsync(
        NotificationsDbContext db, IReadOnlyList<ChannelDelivery> batch, CancellationToken cancellationToken)
    {
        var pushes = batch.Where(d => d.Channel == NotificationChannel.Push).ToList();
        if (pushes.Count == 0) return batch;
        var tokens = pushes.Select(d => d.Destination).Distinct().ToList();
        var owners = await db.PushDevices.AsNoTracking().Where(device => tokens.Contains(device.Token))
            .Select(device => new { device.Token, device.UserId }).ToListAsync(cancellationToken);
        var owned = owners.Select(o => (o.Token, o.UserId)).ToHashSet();
        foreach (var push in pushes.Where(p => !owned.Contains((p.Destination, p.UserId)))) push.Abandon("the device is no longer registered to this user");
        return [.. batch.Where(d => d.Status == DeliveryStatus.Pending)];
    }

    /// <summary>Sends a batch side by side, then records each delivery's outcome.</summary>
    private async Task SendAsync(IReadOnlyList<ChannelDelivery> batch, CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(batch.Select(delivery => TrySendAsync(delivery, cancellationToken)));
        var done = Time.GetUtcNow();
        foreach (var (delivery, error) in outcomes)
        {
            if (error is null) delivery.MarkSent(done);
            else delivery.MarkFailed(error, done, _backoff.After(delivery.Attempts + 1), options.Value.MaxAttempts);
        }
    }

    private async Task<(ChannelDelivery Delivery, string? Error)> TrySendAsync(ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(delivery, cancellationToken);
            return (delivery, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning("{Channel} delivery {DeliveryId} failed (attempt {Attempt}): {Error}", delivery.Channel, delivery.Id, delivery.Attempts + 1, ex.Message);
            return (delivery, ex.Message);
        }
    }
}
