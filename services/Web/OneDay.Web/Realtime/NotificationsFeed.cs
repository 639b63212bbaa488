using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using OneDay.Web.Accounts;

namespace OneDay.Web.Realtime;

/// <summary>What the hub says a notification is about (its kind, as the topic reads) and where it points.</summary>
public sealed record NotificationNotice(string Kind, string? Link);

/// <summary>
/// One signed-in person's connection to the notifications hub, held by the server for a page's interactive
/// part. The hub joins it to that person's group alone; <see cref="Received"/> fires for each notification,
/// <see cref="Reconnected"/> when the connection came back (and so may have missed some).
/// </summary>
public sealed class NotificationsFeed : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private NotificationsFeed(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("notification", notification => Received?.Invoke(new NotificationNotice(
            notification.GetProperty("kind").GetString() ?? "",
            notification.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null)) ?? Task.CompletedTask);
        _connection.Reconnected += _ => Reconnected?.Invoke() ?? Task.CompletedTask;
    }

    public event Func<NotificationNotice, Task>? Received;

    public event Func<Task>? Reconnected;

    /// <summary>
    /// Connects as the person whose request or circuit this is, with the access token their session holds;
    /// null for someone not signed in. Call it from a circuit's own work (not a hub callback), where the
    /// circuit's request is at hand.
    /// </summary>
    public static async Task<NotificationsFeed?> ConnectAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        if (http is null || await http.GetTokenAsync(WebSessions.AccessToken) is not { } token) return null;
        var connection = new HubConnectionBuilder()
            .WithUrl(services.GetRequiredService<IOptions<WebOptions>>().Value.NotificationsHub, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                // One request, not a negotiate and then a connection that a second gateway pod might take.
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect()
            .Build();
        var feed = new NotificationsFeed(connection);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            // The page still works without live updates; it shows what it loaded.
            services.GetRequiredService<ILogger<NotificationsFeed>>().LogWarning("notifications hub unreachable: {Error}", ex.Message);
            await connection.DisposeAsync();
            return null;
        }
        return feed;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
