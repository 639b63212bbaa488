namespace OneDay.Web.Notifications;

// The notifications API's shapes as this client reads them (the kind arrives as its name).

public sealed record NotificationItem(Guid Id, string Kind, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor);

public sealed record UnreadCount(int Count);

/// <summary>The channels a kind reaches the person on (<see cref="Enabled"/>) out of those it may use.</summary>
public sealed record KindChannels(string Kind, IReadOnlyList<string> Enabled, IReadOnlyList<string>? Available);

public sealed record QuietHoursWindow(string Start, string End);

public sealed record NotificationPreferences(IReadOnlyList<KindChannels> Kinds, QuietHoursWindow? QuietHours, string TimeZone);
