using OneDay.Contracts.Notifications;

namespace OneDay.Notifications.InApp;

/// <summary>
/// One entry of a user's in-app list. <see cref="PushedAt"/> stays null until the dispatcher has sent it
/// on the hub, so a notification committed by one replica reaches the user's connections on any replica.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public NotificationKind Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public string? Link { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? PushedAt { get; set; }

    public bool IsRead => ReadAt is not null;

    /// <summary>Marks it read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
