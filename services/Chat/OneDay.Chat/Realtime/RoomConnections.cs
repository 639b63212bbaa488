using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OneDay.Realtime;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat.Realtime;

/// <summary>
/// Which rooms a connection has open, and the one way a connection leaves a room: when the user leaves it, when the
/// connection ends, or when the user stops being a member (a match undone), on whichever replica holds the connection
/// (the <see cref="SignalName"/> signal of <see cref="UserConnections"/>, argument the room id).
/// </summary>
public sealed class RoomConnections(IHubContext<ChatHub> hub, PresenceRegistry presence) : IUserConnectionSignal
{
    public const string SignalName = "room-lost";

    private const string JoinedRoomsKey = "joined-rooms";

    public string Name => SignalName;

    /// <summary>Set up when the connection opens, before any invocation.</summary>
    public static void Open(HubCallerContext connection) => connection.Items[JoinedRoomsKey] = new ConcurrentDictionary<Guid, byte>();

    public static ConcurrentDictionary<Guid, byte> JoinedRooms(HubCallerContext connection) =>
        (ConcurrentDictionary<Guid, byte>)connection.Items[JoinedRoomsKey]!;

    /// <summary>Takes the connection out of the room's group and presence; the others see the user leave with their last connection.</summary>
    public async Task LeaveAsync(HubCallerContext connection, Guid roomId)
    {
        if (!JoinedRooms(connection).TryRemove(roomId, out _)) return;
        var userId = connection.User!.UserId()!.Value;
        var group = RoomBroadcaster.GroupOf(roomId);
        await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, group);
        if (await presence.LeaveAsync(roomId, userId, connection.ConnectionId))
        {
            await hub.Clients.GroupExcept(group, connection.ConnectionId).SendAsync(RoomBroadcaster.UserLeft, new RoomPresenceChanged(roomId, userId));
        }
    }

    public Task ApplyAsync(HubCallerContext connection, string argument) =>
        Guid.TryParse(argument, out var roomId) ? LeaveAsync(connection, roomId) : Task.CompletedTask;
}
