using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Persistence;
using OneDay.ServiceDefaults.Background;
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
    ILogger<NotificationDeliveryWorker> logger) : DueWorkService(signal, options.Value.PollInterval, time, logger)
{
    private readonly RetryBackoff _backoff = new(options.Value.InitialBackoff, options.Value.MaxBackoff);

    protected override string Description => "delivering pending notifications";

    protected override Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken) =>
        scopes.WorkThroughAsync<UsersDbContext, PendingNotification>(Time, options.Value.BatchSize,
            claim: (db, now, limit) => db.PendingNotifications
                .FromSql($"SELECT * FROM pending_notifications WHERE next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {limit} FOR UPDATE SKIP LOCKED"),
            handle: async (db, batch, now, cancellationToken) =>
            {
                foreach (var pending in batch) await DeliverAsync(db, pending, now, cancellationToken);
            },
            dueTimes: db => db.PendingNotifications.Select(p => p.NextAttemptAt),
            stoppingToken);

    private async Task DeliverAsync(UsersDbContext db, PendingNotification pending, DateTimeOffset now, CancellationToken stoppingToken)
    {
        if (pending.ExpiresAt <= now)
        {
            Logger.LogWarning("dropping {Kind} notification {NotificationId} after {Attempts} attempts: its token expired ({Error})",
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
            var backoff = _backoff.After(pending.Attempts);
            pending.NextAttemptAt = now + backoff;
            var error = ex.GetBaseException().Message;
            pending.LastError = error.Length <= 2000 ? error : error[..2000];
            Logger.LogWarning("sending {Kind} notification {NotificationId} failed (attempt {Attempts}), next try in {Backoff}: {Error}",
                pending.Kind, pending.Id, pending.Attempts, backoff, pending.LastError);
        }
    }
}
