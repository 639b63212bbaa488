using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneDay.Notifications.Data;

namespace OneDay.Notifications.Delivery;

/// <summary>
/// Wakes the dispatcher when new notifications or deliveries commit (not before: the dispatcher would not
/// see them yet), whether they were saved inside an explicit transaction (event handlers) or not.
/// </summary>
public sealed class DeliveryWakeInterceptor(DeliverySignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NotificationsDbContext { Database.CurrentTransaction: null } db) WakeIfNew(db);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NotificationsDbContext db) WakeIfNew(db);
        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is NotificationsDbContext db) db.HasNewOutgoing = false;
        return Task.CompletedTask;
    }

    private void WakeIfNew(NotificationsDbContext db)
    {
        if (!db.HasNewOutgoing) return;
        db.HasNewOutgoing = false;
        signal.Wake();
    }
}
