using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Web.Chat;

namespace OneDay.Web.Realtime;

/// <summary>
/// One open chat room on the signed-in person's connection to the chat hub, held by the server for the room
/// page's interactive part. The hub lets the connection into the room only when the token's user is one of its
/// members; <see cref="Received"/> fires for each message sent in it (the person's own included),
/// <see cref="Rejoined"/> after a lost connection came back and entered the room again (messages sent in
/// between did not arrive).
/// </summary>
public sealed class ChatRoomFeed : IAsyncDisposable
{
    private const string JoinRoom = "JoinRoom";
    private const string MessageSent = "message_sent";

    private readonly Guid _roomId;
    private HubConnection? _connection;

    private ChatRoomFeed(Guid roomId) => _roomId = roomId;

    public event Func<ChatMessage, Task>? Received;

    public event Func<Task>? Rejoined;

    /// <summary>
    /// Connects as the person whose circuit this is and enters <paramref name="roomId"/>; null for someone not
    /// signed in, a room they are not in, or a hub that cannot be reached: the page still shows what it loaded.
    /// </summary>
    public static async Task<ChatRoomFeed?> JoinAsync(UserHubConnections hubs, Guid roomId, ILogger logger, CancellationToken cancellationToken)
    {
        var feed = new ChatRoomFeed(roomId);
        try
        {
            feed._connection = await hubs.OpenAsync(UserHubConnections.ChatHub, feed.Subscribe, cancellationToken);
            if (feed._connection is null) return null;
            await feed._connection.InvokeAsync(JoinRoom, roomId, cancellationToken);
            return feed;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or HubException)
        {
            logger.LogWarning("chat room {RoomId} not joined: {Error}", roomId, ex.Message);
            await feed.DisposeAsync();
            return null;
        }
    }

    private void Subscribe(HubConnection connection)
    {
        connection.On<ChatMessage>(MessageSent, message =>
            message.RoomId == _roomId ? Received?.Invoke(message) ?? Task.CompletedTask : Task.CompletedTask);
        // A new connection is in no room: enter it again before catching up on what was missed.
        connection.Reconnected += async _ =>
        {
            await connection.InvokeAsync(JoinRoom, _roomId);
            await (Rejoined?.Invoke() ?? Task.CompletedTask);
        };
    }

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
