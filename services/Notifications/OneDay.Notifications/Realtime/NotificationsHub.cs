using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OneDay.Notifications.Data;
using OneDay.Notifications.InApp;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Notifications.Realtime;

/// <summary>
/// The real-time side of the in-app list at /hubs/notifications. A connection joins only its own user's
/// group (the id comes from the validated token), and the hub offers clients no method to join any other:
/// it only receives `notification` and `unread_count`. The first `unread_count` arrives once the group is
/// joined, so a client knows from then on it misses nothing (and can refresh its list from the API).
/// </summary>
[Authorize]
public sealed class NotificationsHub(NotificationsDbContext db, RealtimeNotifier realtime) : Hub
{
    public const string Path = "/hubs/notifications";

    public static string GroupOf(Guid userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.UserId() is not { } userId)
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(userId), Context.ConnectionAborted);
        await realtime.SendUnreadCountAsync(Clients.Caller, await db.Notifications.CountUnreadAsync(userId, Context.ConnectionAborted), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}
