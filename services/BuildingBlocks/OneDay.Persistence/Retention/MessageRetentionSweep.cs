using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Persistence.Retention;

/// <summary>
/// Deletes outbox rows published longer ago than <see cref="MessageRetentionOptions.OutboxSent"/> and inbox
/// rows handled longer ago than <see cref="MessageRetentionOptions.InboxHandled"/>, which otherwise grow for
/// ever. Batch by batch, each its own statement; rows are taken FOR UPDATE SKIP LOCKED, so replicas sweeping
/// at once delete different rows and never wait on each other or on a dispatcher.
/// </summary>
public sealed class MessageRetentionSweep<TContext>(
    IServiceScopeFactory scopes,
    IOptions<MessageRetentionOptions> options,
    TimeProvider time,
    ILogger<MessageRetentionSweep<TContext>> logger) : PeriodicSweep(options.Value.SweepInterval, time, logger)
    where TContext : DbContext
{
    protected override string Description => "deleting old outbox and inbox rows";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = Time.GetUtcNow();
        var limit = options.Value.BatchSize;
        var sentBefore = now - options.Value.OutboxSent;
        var handledBefore = now - options.Value.InboxHandled;
        var sent = await DeleteInBatchesAsync(() => db.Database.ExecuteSqlAsync(
            $"DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages WHERE sent_at < {sentBefore} LIMIT {limit} FOR UPDATE SKIP LOCKED)",
            stoppingToken)).ConfigureAwait(false);
        var handled = await DeleteInBatchesAsync(() => db.Database.ExecuteSqlAsync(
            $"DELETE FROM inbox_messages WHERE (event_id, consumer) IN (SELECT event_id, consumer FROM inbox_messages WHERE handled_at < {handledBefore} LIMIT {limit} FOR UPDATE SKIP LOCKED)",
            stoppingToken)).ConfigureAwait(false);
        if (sent + handled > 0) logger.LogInformation("deleted {Sent} sent outbox rows and {Handled} handled inbox rows", sent, handled);
    }

    private async Task<int> DeleteInBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch().ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == options.Value.BatchSize);
        return total;
    }
}
