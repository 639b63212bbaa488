using Microsoft.AspNetCore.SignalR;
using OneDay.Chat.Messages;

namespace OneDay.Chat.Realtime;

/// <summary>Server → client events of a room, to its group on every instance (the Redis backplane carries group sends).</summary>
public sealed class RoomBroadcaster(IHubContext<ChatHub> hub)
{
    public const string MessageSent = "message_sent";
    public const string UserJoined = "user_joined";
    public const string UserLeft = "user_left";
    public const string Typing = "typing_indicator";
    public const string Read = "read";

    public static string GroupOf(Guid roomId) => $"room:{roomId:N}";

    public Task MessageSentAsync(MessageView message, CancellationToken cancellationToken) =>
        hub.Clients.Group(GroupOf(message.RoomId)).SendAsync(MessageSent, message, cancellationToken);

    public Task ReadAsync(ReadReceipt receipt, CancellationToken cancellationToken) =>
        hub.Clients.Group(GroupOf(receipt.RoomId)).SendAsync(Read, receipt, cancellationToken);
}
