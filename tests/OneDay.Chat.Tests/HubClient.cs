using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Chat.Messages;
using OneDay.Chat.Realtime;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.Chat.Tests;

/// <summary>A SignalR client connected to /chat/socket and everything it has received, in order, per event.</summary>
public sealed class HubClient : HubTestClient
{
    private HubClient(HubConnection connection)
        : base(connection)
    {
        connection.On<MessageView>(RoomBroadcaster.MessageSent, m => Messages.Writer.TryWrite(m));
        connection.On<RoomPresenceChanged>(RoomBroadcaster.UserJoined, e => Joined.Writer.TryWrite(e));
        connection.On<RoomPresenceChanged>(RoomBroadcaster.UserLeft, e => Left.Writer.TryWrite(e));
        connection.On<TypingIndicator>(RoomBroadcaster.Typing, e => Typing.Writer.TryWrite(e));
        connection.On<ReadReceipt>(RoomBroadcaster.Read, e => Reads.Writer.TryWrite(e));
    }

    public Channel<MessageView> Messages { get; } = Channel.CreateUnbounded<MessageView>();

    public Channel<RoomPresenceChanged> Joined { get; } = Channel.CreateUnbounded<RoomPresenceChanged>();

    public Channel<RoomPresenceChanged> Left { get; } = Channel.CreateUnbounded<RoomPresenceChanged>();

    public Channel<TypingIndicator> Typing { get; } = Channel.CreateUnbounded<TypingIndicator>();

    public Channel<ReadReceipt> Reads { get; } = Channel.CreateUnbounded<ReadReceipt>();

    /// <summary>Connects with the token in the Authorization header, or as browsers do: in the query string over WebSockets.</summary>
    public static async Task<HubClient> ConnectAsync(Uri service, string token, bool tokenInQueryString = false)
    {
        var url = new Uri(service, tokenInQueryString ? $"{ChatHub.Path}?access_token={token}" : ChatHub.Path);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.SkipNegotiation = tokenInQueryString;
                options.Transports = HttpTransportType.WebSockets;
                if (!tokenInQueryString) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions))
            .Build();
        return await StartAsync(new HubClient(connection));
    }

    public static Task<HubClient> ConnectAsync(ServiceTestHost<Program> host, Guid userId, UserRole role = UserRole.Worker, TimeSpan? tokenLifetime = null) =>
        ConnectAsync(host.BaseAddress, TestTokens.For(userId, role, tokenLifetime));

    public Task<RoomPresence> JoinAsync(Guid roomId) => Connection.InvokeAsync<RoomPresence>("JoinRoom", roomId);

    public Task<MessageView> SendAsync(Guid roomId, string text, Guid? clientMessageId = null) =>
        Connection.InvokeAsync<MessageView>("SendMessage", roomId, clientMessageId ?? Guid.NewGuid(), text);

    public static async Task<T> NextAsync<T>(Channel<T> channel, TimeSpan? within = null) =>
        await channel.Reader.ReadAsync().AsTask().WaitAsync(within ?? TimeSpan.FromSeconds(10));

    /// <summary>True if nothing arrives on the channel within <paramref name="quiet"/>.</summary>
    public static async Task<bool> StaysEmptyAsync<T>(Channel<T> channel, TimeSpan quiet)
    {
        try
        {
            await channel.Reader.WaitToReadAsync().AsTask().WaitAsync(quiet);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }
}
