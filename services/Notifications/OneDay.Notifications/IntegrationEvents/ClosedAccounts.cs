using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Persistence.Inbox;
using OneDay.Realtime;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>Accounts the users service closed: a deleted one is erased here; a suspended one keeps its data but loses its live connections.</summary>
public static class ClosedAccounts
{
    /// <summary>A deleted account leaves nothing here: its address, its devices, its list, its choices and anything not yet sent.</summary>
    public static async Task EraseAsync(IntegrationEventContext<UserDeleted, NotificationsDbContext> context)
    {
        var (db, userId, cancellationToken) = (context.Db, context.Event.UserId, context.CancellationToken);
        await db.Recipients.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Deliveries.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.ChannelPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.QuietHours.Where(q => q.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.PushDevices.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        context.CloseConnectionsOf(userId);
    }

    public static Task DisconnectAsync(IntegrationEventContext<UserSuspended, NotificationsDbContext> context)
    {
        context.CloseConnectionsOf(context.Event.UserId);
        return Task.CompletedTask;
    }
}
