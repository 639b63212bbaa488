using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Chat.Data;
using OneDay.Chat.Messages;
using OneDay.Realtime;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat.Realtime;

/// <summary>
/// The real-time side of chat at /chat/socket. A connection joins a room's group only after its user is
/// found among the room's members (the id comes from the validated token); what it can send it sends
/// through <see cref="MessageSender"/>, the same path as REST.
/// </summary>
[Authorize(Policy = ChatCaller.Policy)]
public sealed class ChatHub(ChatDbContext db, MessageSender sender, PresenceRegistry presence, RoomConnections rooms, IOptions<ChatOptions> options) : Hub
{
    public const string Path = "/chat/socket";

    /// <summary>Present: the hub's policy admits only tokens whose subject is a user id.</summary>
    private Guid CallerId => Context.User!.UserId()!.Value;

    private ConcurrentDictionary<Guid, byte> JoinedRooms => RoomConnections.JoinedRooms(Context);

    public override async Task OnConnectedAsync()
    {
        RoomConnections.Open(Context);
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

    public Task LeaveRoom(Guid roomId) => rooms.LeaveAsync(Context, roomId);

    [OwnRateLimit] // the send limit per user (SendRateLimiter), across instances and REST
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
        foreach (var roomId in JoinedRooms.Keys) await rooms.LeaveAsync(Context, roomId);
        await base.OnDisconnectedAsync(exception);
    }
}
