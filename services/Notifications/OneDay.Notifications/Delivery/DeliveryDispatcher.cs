using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Notifications.Data;
using OneDay.Notifications.Notifications;
using OneDay.Notifications.Realtime;

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
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.SweepInterval;
            // Separately guarded: the hub (Redis) being down must not hold back e-mail, SMS and push, nor the reverse.
            try
            {
                await PushNewEntriesAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "pushing new notifications to the hub failed; trying again in {Wait}", wait);
            }
            try
            {
                if (await DeliverDueAsync(stoppingToken) is { } nextDue && nextDue - time.GetUtcNow() < wait) wait = nextDue - time.GetUtcNow();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "sending channel deliveries failed; trying again in {Wait}", wait);
            }
            if (wait > TimeSpan.Zero) await signal.WaitAsync(wait, stoppingToken);
        }
    }

    private async Task PushNewEntriesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Notifications
                .FromSql($"SELECT * FROM notifications WHERE pushed_at IS NULL ORDER BY created_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) return;
            var now = time.GetUtcNow();
            foreach (var entry in batch)
            {
                await realtime.SendNotificationAsync(entry.UserId, NotificationView.Of(entry), cancellationToken);
                entry.PushedAt = now;
            }
            foreach (var userId in batch.Select(n => n.UserId).Distinct())
            {
                await realtime.SendUnreadCountAsync(userId, await db.Notifications.CountUnreadAsync(userId, cancellationToken), cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (batch.Count < options.Value.BatchSize) return;
        }
    }

    /// <summary>Sends due deliveries batch by batch; returns when the earliest pending one falls due.</summary>
    private async Task<DateTimeOffset?> DeliverDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            var batch = await db.Deliveries
                .FromSql($"SELECT * FROM channel_deliveries WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            var outcomes = await Task.WhenAll(batch.Select(delivery => TrySendAsync(delivery, cancellationToken)));
            var done = time.GetUtcNow();
            foreach (var (delivery, error) in outcomes)
            {
                if (error is null) delivery.MarkSent(done);
                else delivery.MarkFailed(error, done, Backoff(delivery.Attempts), options.Value.MaxAttempts);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (batch.Count < options.Value.BatchSize)
            {
                return await db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending)
                    .MinAsync(d => (DateTimeOffset?)d.NextAttemptAt, cancellationToken);
            }
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
            logger.LogWarning("{Channel} delivery {DeliveryId} failed (attempt {Attempt}): {Error}", delivery.Channel, delivery.Id, delivery.Attempts + 1, ex.Message);
            return (delivery, ex.Message);
        }
    }

    private TimeSpan Backoff(int failuresSoFar) =>
        TimeSpan.FromTicks(Math.Min(options.Value.InitialBackoff.Ticks * (1L << Math.Min(failuresSoFar, 30)), options.Value.MaxBackoff.Ticks));
}
