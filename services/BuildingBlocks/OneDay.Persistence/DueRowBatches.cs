using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OneDay.Persistence;

/// <summary>
/// Works through rows that fall due (messages to send, retries), a batch at a time. Each batch is claimed with
/// FOR UPDATE SKIP LOCKED in a transaction that lasts until its outcomes are saved, so replicas share the work
/// without taking the same row, and a replica that dies mid-batch leaves its rows to the next one.
/// </summary>
public static class DueRowBatches
{
    /// <summary>Claims and handles batches until one comes back short; returns when the earliest row this replica could take next falls due.</summary>
    /// <param name="claim">
    /// The rows due at the given time, at most the given number, as FromSql ending in LIMIT … FOR UPDATE SKIP LOCKED:
    /// EF cannot add the lock, and a limit composed around the query would lock every due row.
    /// </param>
    /// <param name="handle">Works on a claimed batch (claimed at the given time) and records each row's outcome.</param>
    /// <param name="dueTimes">
    /// When each row still waiting falls due (its due column); null where rows are due as soon as written. Only
    /// times after the last claim count: a row due by then that the claim did not return is held by another
    /// replica (which marks it done or sets its next time) or was not yet committed (whose writer wakes the
    /// workers), so waiting for it would wake this replica at once, again and again, while the other holds it.
    /// </param>
    public static async Task<DateTimeOffset?> WorkThroughAsync<TContext, TRow>(
        this IServiceScopeFactory scopes,
        TimeProvider time,
        int batchSize,
        Func<TContext, DateTimeOffset, int, IQueryable<TRow>> claim,
        Func<TContext, IReadOnlyList<TRow>, DateTimeOffset, CancellationToken, Task> handle,
        Func<TContext, IQueryable<DateTimeOffset>>? dueTimes,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var claimedAt = time.GetUtcNow();
            var batch = await claim(db, claimedAt, batchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            await handle(db, batch, claimedAt, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count < batchSize)
            {
                return dueTimes is null
                    ? null
                    : await dueTimes(db).Where(due => due > claimedAt).MinAsync(due => (DateTimeOffset?)due, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
