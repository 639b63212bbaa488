using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

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
    private HubConnection? _connection;

    private NotificationsFeed()
    {
    }

    public event Func<NotificationNotice, Task>? Received;

    public event Func<Task>? Reconnected;

    /// <summary>
    /// Connects as the person whose circuit this is (<see cref="UserHubConnections"/>); null for someone not
    /// signed in, or when the hub cannot be reached: the page still works, showing what it loaded.
    /// </summary>
    public static async Task<NotificationsFeed?> ConnectAsync(UserHubConnections hubs, ILogger logger, CancellationToken cancellationToken)
    {
        var feed = new NotificationsFeed();
        try
        {
            feed._connection = await hubs.OpenAsync(UserHubConnections.NotificationsHub, feed.Subscribe, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException)
        {
            logger.LogWarning("notifications hub unreachable: {Error}", ex.Message);
        }
        return feed._connection is null ? null : feed;
    }

    private void Subscribe(HubConnection connection)
    {
        connection.On<JsonElement>("notification", notification => Received?.Invoke(new NotificationNotice(
            notification.GetProperty("kind").GetString() ?? "",
            notification.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null)) ?? Task.CompletedTask);
        connection.Reconnected += _ => Reconnected?.Invoke() ?? Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
