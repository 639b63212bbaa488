namespace OneDay.Web.Notifications;

// The notifications API's shapes as this client reads them (the kind arrives as its name).

public sealed record NotificationItem(Guid Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor);

public sealed record UnreadCount(int Count);
