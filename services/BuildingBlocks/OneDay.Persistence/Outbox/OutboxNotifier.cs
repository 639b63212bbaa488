using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// Wakes the outbox dispatchers when outbox rows commit: a PostgreSQL NOTIFY issued inside the same
/// transaction, which PostgreSQL delivers only if and when that transaction commits. When SaveChanges
/// runs without an explicit transaction (EF may then use none), the NOTIFY follows the save.
/// </summary>
public sealed class OutboxNotifier : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public const string Channel = "oneday_outbox";

    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (TakeIfOutsideTransaction(eventData.Context) is { } context) context.Database.ExecuteSqlRaw($"NOTIFY {Channel}");
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (TakeIfOutsideTransaction(eventData.Context) is { } context)
        {
            await context.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => TakeIfOutsideTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeIfOutsideTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData.Context)) Notify(transaction).ExecuteNonQuery();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context))
        {
            await using var command = Notify(transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Take(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private bool Take(DbContext? context) => context is not null && _pending.Remove(context);

    private DbContext? TakeIfOutsideTransaction(DbContext? context) =>
        context?.Database.CurrentTransaction is null && Take(context) ? context : null;

    private static DbCommand Notify(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"NOTIFY {Channel}";
        return command;
    }
}
