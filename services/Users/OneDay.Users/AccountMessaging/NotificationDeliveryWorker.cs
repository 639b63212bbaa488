using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Persistence;
using OneDay.ServiceDefaults.Background;
using OneDay.Users.Accounts;
using OneDay.Users.Clients;
using OneDay.Users.Data;
using OneDay.Users.Verification;

namespace OneDay.Users.AccountMessaging;

/// <summary>
/// Hands pending notifications to the notifications service, retrying with exponential backoff until it
/// accepts them or the request goes stale. Each attempt of a message with a link issues a fresh token (only its hash is stored), so
/// no table ever holds a usable token and a retry never needs the secret of an earlier attempt. Rows are
/// claimed with FOR UPDATE SKIP LOCKED, so replicas share the work.
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
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == pending.UserId && u.Status != UserStatus.Deleted, stoppingToken);
        if (pending.ExpiresAt <= now || user is null)
        {
            Logger.LogWarning("dropping {Purpose} notification {NotificationId} after {Attempts} attempts: {Reason} ({Error})",
                pending.Purpose, pending.Id, pending.Attempts, user is null ? "the account is gone" : "the request is stale", pending.LastError);
            db.PendingNotifications.Remove(pending);
            return;
        }
        var token = pending.Purpose.Token() is { } purpose ? await IssueTokenAsync(pending.UserId, purpose, now, stoppingToken) : null;
        try
        {
            await sender.SendAsync(pending.ToRequest(user, token), stoppingToken);
            db.PendingNotifications.Remove(pending);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The token stays as it is: if notifications did take the message and only its answer was lost, the
            // link works until the retry's fresh token replaces it.
            pending.Attempts++;
            var backoff = _backoff.After(pending.Attempts);
            pending.NextAttemptAt = now + backoff;
            var error = ex.GetBaseException().Message;
            pending.LastError = error.Length <= 2000 ? error : error[..2000];
            Logger.LogWarning("sending {Purpose} notification {NotificationId} failed (attempt {Attempts}), next try in {Backoff}: {Error}",
                pending.Purpose, pending.Id, pending.Attempts, backoff, pending.LastError);
        }
    }

    /// <summary>
    /// Issues the attempt's token in a transaction of its own, committed before the message leaves (the batch's
    /// own commits only after every send): the link works the moment it arrives.
    /// </summary>
    private async Task<MintedToken> IssueTokenAsync(Guid userId, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await scope.ServiceProvider.GetRequiredService<OneTimeTokens>().IssueAsync(userId, purpose, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }
}
