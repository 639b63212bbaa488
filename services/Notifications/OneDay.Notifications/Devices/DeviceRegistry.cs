using Microsoft.EntityFrameworkCore;
using OneDay.Notifications.Data;
using OneDay.Notifications.Delivery;

namespace OneDay.Notifications.Devices;

/// <summary>
/// Registers, lists and removes a user's push devices. A device that leaves a user (moved to another one,
/// evicted, removed) no longer receives that user's unsent push messages: the dispatcher checks each push
/// against this registry as it sends it (DeliveryDispatcher), so a message deferred past quiet hours never
/// reaches whoever holds the phone by then.
/// </summary>
public sealed class DeviceRegistry(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>Adds the device, or refreshes it (last seen, platform) if the token is known, taking it from another user if need be.</summary>
    public async Task<PushDevice> RegisterAsync(Guid userId, string token, PushPlatform platform, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One registration per user at a time: two new tokens at once would each trim to the limit without
        // seeing the other and leave one device too many.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"push-devices:" + userId}, 0))", cancellationToken);
        // One statement on the unique token: the same token registered twice at once updates instead of
        // failing, and a token another user had moves here, registered anew.
        var device = (await db.PushDevices.FromSql($"""
            INSERT INTO push_devices (id, user_id, token, platform, registered_at, last_seen_at)
            VALUES ({Guid.CreateVersion7()}, {userId}, {token}, {platform.ToString()}, {now}, {now})
            ON CONFLICT (token) DO UPDATE SET
                registered_at = CASE WHEN push_devices.user_id = excluded.user_id THEN push_devices.registered_at ELSE excluded.registered_at END,
                user_id = excluded.user_id,
                platform = excluded.platform,
                last_seen_at = excluded.last_seen_at
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken)).Single();
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM push_devices
            WHERE user_id = {userId} AND id NOT IN (
                SELECT id FROM push_devices WHERE user_id = {userId} ORDER BY last_seen_at DESC, id DESC LIMIT {PushDevice.MaxPerUser})
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return device;
    }

    public async Task<IReadOnlyList<PushDevice>> OfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.PushDevices.AsNoTracking().Where(d => d.UserId == userId)
            .OrderByDescending(d => d.LastSeenAt).ThenByDescending(d => d.Id).ToListAsync(cancellationToken);

    /// <summary>Removes one of the user's devices; false when the user has none with that id (another user's included).</summary>
    public async Task<bool> RemoveAsync(Guid userId, Guid deviceId, CancellationToken cancellationToken) =>
        await db.PushDevices.Where(d => d.Id == deviceId && d.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
}
