using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Data;
using OneDay.Notifications.Sending;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>How an event becomes one user's notification: its kind's template rendered with the event's values,
/// planned by the notification center in the handler's inbox transaction.</summary>
public static class EventNotifier
{
    public static Task<NotificationPlan> NotifyAsync<TEvent>(this IntegrationEventContext<TEvent, NotificationsDbContext> context, Guid userId,
        NotificationKind kind, Dictionary<string, string> values, string link)
        where TEvent : IntegrationEvent =>
        context.Services.GetRequiredService<NotificationCenter>()
            .PlanAsync(new OutgoingNotification(userId, kind, NotificationTemplates.Render(kind, values, link)), context.CancellationToken);
}
