using OneDay.Contracts.Notifications;

namespace OneDay.Notifications.InApp;

public sealed record NotificationView(Guid Id, NotificationKind Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView Of(Notification n) => new(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt);
}

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? NextCursor);

public sealed record UnreadCount(int Count);
