using OneDay.Contracts.Chat;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>What chat members who are not looking are told of a new message.</summary>
public static class ChatEventMessages
{
    /// <summary>Chat names as recipients only the members its hub does not have connected (it owns presence).</summary>
    public static async Task ChatMessageSentAsync(IntegrationEventContext<ChatMessageSent, NotificationsDbContext> context)
    {
        var e = context.Event;
        var preview = e.Preview.Length > 100 ? e.Preview[..100] + "…" : e.Preview;
        foreach (var userId in e.RecipientIds.Distinct().Where(id => id != e.SenderId))
        {
            await context.NotifyAsync(userId, NotificationKind.ChatMessage, new() { ["preview"] = preview }, $"/chat/rooms/{e.RoomId}");
        }
    }
}
