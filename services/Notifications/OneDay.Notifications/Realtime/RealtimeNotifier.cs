using Microsoft.AspNetCore.SignalR;
using OneDay.Notifications.InApp;

namespace OneDay.Notifications.Realtime;

/// <summary>Sends to every connection of one user, on any replica (the Redis backplane carries group sends).</summary>
public sealed class RealtimeNotifier(IHubContext<NotificationsHub> hub)
{
    public const string NotificationEvent = "notification";
    public const string UnreadCountEvent = "unread_count";

    public Task SendNotificationAsync(Guid userId, NotificationView notification, CancellationToken cancellationToken) =>
        hub.Clients.Group(NotificationsHub.GroupOf(userId)).SendAsync(NotificationEvent, notification, cancellationToken);

    public Task SendUnreadCountAsync(Guid userId, int count, CancellationToken cancellationToken) =>
        SendUnreadCountAsync(hub.Clients.Group(NotificationsHub.GroupOf(userId)), count, cancellationToken);

    public Task SendUnreadCountAsync(IClientProxy connections, int count, CancellationToken cancellationToken) =>
        connections.SendAsync(UnreadCountEvent, new UnreadCount(count), cancellationToken);
}
