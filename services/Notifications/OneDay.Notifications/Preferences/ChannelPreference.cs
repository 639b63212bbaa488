using OneDay.Contracts.Notifications;

namespace OneDay.Notifications.Preferences;

/// <summary>A user's choice for one kind × channel; without a row the kind's default applies.</summary>
public sealed class ChannelPreference
{
    public Guid UserId { get; init; }
    public NotificationKind Kind { get; init; }
    public NotificationChannel Channel { get; init; }
    public bool Enabled { get; set; }
}
