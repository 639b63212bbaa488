using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using OneDay.Web.Accounts;

namespace OneDay.Web.Realtime;

/// <summary>
/// Opens the signed-in person's connections to the API's real-time hubs (chat, notifications) from this
/// server: the circuit is the hub's client, so the access token never reaches the browser. Each connect and
/// reconnect asks the session for its current token, because a hub closes a connection when the token it
/// opened with expires. One instance per circuit; the connections end with it.
/// </summary>
public sealed class UserHubConnections(CurrentSession session, IOptions<WebOptions> options, ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>The chat hub (events message_sent, user_joined, user_left, typing_indicator, read).</summary>
    public const string ChatHub = "/chat/socket";

    /// <summary>The notifications hub (event "notification").</summary>
    public const string NotificationsHub = "/hubs/notifications";

    private readonly List<HubConnection> _open = [];

    /// <summary>
    /// A started connection to <paramref name="hubPath"/> at the gateway, or null when nobody is signed in.
    /// <paramref name="subscribe"/> registers the handlers before it starts, so no event is missed in between.
    /// </summary>
    public async Task<HubConnection?> OpenAsync(string hubPath, Action<HubConnection> subscribe, CancellationToken cancellationToken)
    {
        if (await session.AccessTokenAsync(cancellationToken) is null) return null;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Value.GatewayAddress, hubPath), http =>
            {
                http.AccessTokenProvider = () => session.AccessTokenAsync(CancellationToken.None);
                // One request, not a negotiate and then a connection that a second gateway pod might take.
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect();
        builder.Services.AddSingleton(loggers);
        var connection = builder.Build();
        subscribe(connection);
        lock (_open) _open.Add(connection);
        await connection.StartAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        HubConnection[] open;
        lock (_open) open = [.. _open];
        foreach (var connection in open) await connection.DisposeAsync();
    }
}
