using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Chat.Data;
using OneDay.Chat.Messages;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat.Realtime;

/// <summary>
/// The real-time side of chat at /chat/socket. A connection joins a room's group only after its user is
/// found among the room's members (the id comes from the validated token); what it can send it sends
/// through <see cref="MessageSender"/>, the same path as REST.
/// </summary>
[Authorize(Policy = ChatCaller.Policy)]
public sealed class ChatHub(ChatDbContext db, MessageSender sender, PresenceRegistry presence, IOptions<ChatOptions> options) : Hub
{
    public const string Path = "/chat/socket";

    private const string JoinedRoomsKey = "joined-rooms";

    /// <summary>Present: the hub's policy admits only tokens whose subject is a user id.</summary>
    private Guid CallerId => Context.User!.UserId()!.Value;

    /// <summary>The rooms this connection has joined (set up when it connects, before any invocation).</summary>
    private ConcurrentDictionary<Guid, byte> JoinedRooms => (ConcurrentDictionary<Guid, byte>)Context.Items[JoinedRoomsKey]!;

    public override async Task OnConnectedAsync()
    {
        Context.Items[JoinedRoomsKey] = new ConcurrentDictionary<Guid, byte>();
        await base.OnConnectedAsync();
    }

    /// <summary>Opens a room on this connection: its events start arriving, and the others see the user join.</summary>
    public async Task<RoomPresence> JoinRoom(Guid roomId)
    {
        var userId = CallerId;
        if (!await db.Members.AnyAsync(m => m.RoomId == roomId && m.UserId == userId, Context.ConnectionAborted))
        {
            throw new HubException("채팅방을 찾을 수 없습니다.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomBroadcaster.GroupOf(roomId), Context.ConnectionAborted);
        if (JoinedRooms.TryAdd(roomId, 0) && await presence.EnterAsync(roomId, userId, Context.ConnectionId))
        {
            await Clients.OthersInGroup(RoomBroadcaster.GroupOf(roomId)).SendAsync(RoomBroadcaster.UserJoined, new RoomPresenceChanged(roomId, userId), Context.ConnectionAborted);
        }
        return new RoomPresence(roomId, await presence.OnlineAsync(roomId));
    }

    public async Task LeaveRoom(Guid roomId)
    {
        if (!JoinedRooms.TryRemove(roomId, out _)) return;
        await LeaveAsync(roomId, CallerId);
    }

    public async Task<MessageView> SendMessage(Guid roomId, Guid clientMessageId, string? text)
    {
        var result = await sender.SendAsync(roomId, CallerId, clientMessageId, text, Context.ConnectionAborted);
        return result.Status switch
        {
            SendStatus.Sent or SendStatus.AlreadySent => result.Message!,
            SendStatus.RoomNotFound => throw new HubException("채팅방을 찾을 수 없습니다."),
            _ => throw new HubException(result.Error),
        };
    }

    /// <summary>Shows the others that the user is typing, at most once per interval.</summary>
    public async Task Typing(Guid roomId)
    {
        if (!JoinedRooms.ContainsKey(roomId)) throw new HubException("먼저 채팅방에 입장해 주세요.");
        var userId = CallerId;
        if (await presence.TryTypingAsync(roomId, userId, options.Value.TypingInterval))
        {
            await Clients.OthersInGroup(RoomBroadcaster.GroupOf(roomId)).SendAsync(RoomBroadcaster.Typing, new TypingIndicator(roomId, userId), Context.ConnectionAborted);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var roomId in JoinedRooms.Keys) await LeaveAsync(roomId, CallerId);
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync(Guid roomId, Guid userId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RoomBroadcaster.GroupOf(roomId));
        if (await presence.LeaveAsync(roomId, userId, Context.ConnectionId))
        {
            await Clients.OthersInGroup(RoomBroadcaster.GroupOf(roomId)).SendAsync(RoomBroadcaster.UserLeft, new RoomPresenceChanged(roomId, userId));
        }
    }
}
