using OneDay.Contracts.Notifications;
using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>What a new account is told.</summary>
public static class UserEventMessages
{
    public static Task UserCreatedAsync(IntegrationEventContext<UserCreated, NotificationsDbContext> context) =>
        context.NotifyAsync(context.Event.UserId, NotificationKind.Welcome, new() { ["name"] = context.Event.DisplayName }, "/jobs");
}
