using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OneDay.Persistence;

/// <summary>
/// Works through rows that fall due (messages to send, retries), a batch at a time. Each batch is claimed with
/// FOR UPDATE SKIP LOCKED in a transaction that lasts until its outcomes are saved, so replicas share the work
/// without taking the same row, and a replica that dies mid-batch leaves its rows to the next one.
/// </summary>
public static class DueRows
{
    /// <summary>Claims and handles batches until one comes back short; returns when the earliest row left falls due.</summary>
    /// <param name="claim">
    /// The rows due at the given time, at most the given number, as FromSql ending in LIMIT … FOR UPDATE SKIP LOCKED:
    /// EF cannot add the lock, and a limit composed around the query would lock every due row.
    /// </param>
    /// <param name="handle">Works on a claimed batch (claimed at the given time) and records each row's outcome.</param>
    /// <param name="nextDue">When the earliest row still waiting falls due; null where rows are due as soon as written.</param>
    public static async Task<DateTimeOffset?> WorkThroughAsync<TContext, TRow>(
        this IServiceScopeFactory scopes,
        TimeProvider time,
        int batchSize,
        Func<TContext, DateTimeOffset, int, IQueryable<TRow>> claim,
        Func<TContext, IReadOnlyList<TRow>, DateTimeOffset, CancellationToken, Task> handle,
        Func<TContext, CancellationToken, Task<DateTimeOffset?>>? nextDue,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var batch = await claim(db, now, batchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            await handle(db, batch, now, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count < batchSize) return nextDue is null ? null : await nextDue(db, cancellationToken).ConfigureAwait(false);
        }
    }
}
