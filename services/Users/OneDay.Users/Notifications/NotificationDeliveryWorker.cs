using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Users.Data;

namespace OneDay.Users.Notifications;

/// <summary>
/// Hands pending notifications to the notifications service, retrying with exponential backoff until it
/// accepts them or their token expires. Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas share
/// the work; a replica that dies mid-send leaves the row for the next (notifications de-duplicates by id).
/// </summary>
public sealed class NotificationDeliveryWorker(
    IServiceScopeFactory scopes,
    INotificationSender sender,
    NotificationDeliverySignal signal,
    IOptions<NotificationDeliveryOptions> options,
    TimeProvider time,
    ILogger<NotificationDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                if (await DeliverDueAsync(stoppingToken) is { } nextDue && nextDue - time.GetUtcNow() < wait) wait = nextDue - time.GetUtcNow();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "delivering pending notifications failed; trying again in {Wait}", wait);
            }
            // Real time, not the TimeProvider: this is how often to look, not a domain deadline.
            if (wait > TimeSpan.Zero) await signal.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Sends one batch of due messages; returns when the earliest remaining one falls due.</summary>
    private async Task<DateTimeOffset?> DeliverDueAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);
        var now = time.GetUtcNow();
        var batch = await db.PendingNotifications
            .FromSql($"SELECT * FROM pending_notifications WHERE next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {options.Value.BatchSize} FOR UPDATE SKIP LOCKED")
            .ToListAsync(stoppingToken);
        foreach (var pending in batch) await DeliverAsync(db, pending, now, stoppingToken);
        await db.SaveChangesAsync(stoppingToken);
        await transaction.CommitAsync(stoppingToken);
        return await db.PendingNotifications.MinAsync(p => (DateTimeOffset?)p.NextAttemptAt, stoppingToken);
    }

    private async Task DeliverAsync(UsersDbContext db, PendingNotification pending, DateTimeOffset now, CancellationToken stoppingToken)
    {
        if (pending.ExpiresAt <= now)
        {
            logger.LogWarning("dropping {Kind} notification {NotificationId} after {Attempts} attempts: its token expired ({Error})",
                pending.Kind, pending.Id, pending.Attempts, pending.LastError);
            db.PendingNotifications.Remove(pending);
            return;
        }
        try
        {
            await sender.SendAsync(pending.ToRequest(), stoppingToken);
            db.PendingNotifications.Remove(pending);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            pending.Attempts++;
            var backoff = TimeSpan.FromTicks(Math.Min(
                options.Value.InitialBackoff.Ticks * (1L << Math.Min(pending.Attempts - 1, 20)),
                options.Value.MaxBackoff.Ticks));
            pending.NextAttemptAt = now + backoff;
            var error = ex.GetBaseException().Message;
            pending.LastError = error.Length <= 2000 ? error : error[..2000];
            logger.LogWarning("sending {Kind} notification {NotificationId} failed (attempt {Attempts}), next try in {Backoff}: {Error}",
                pending.Kind, pending.Id, pending.Attempts, backoff, pending.LastError);
        }
    }
}
