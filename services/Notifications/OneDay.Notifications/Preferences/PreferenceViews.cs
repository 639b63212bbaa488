using OneDay.Contracts.Notifications;

namespace OneDay.Notifications.Preferences;

/// <summary>The channels a kind reaches the user on, out of those it may use.</summary>
public sealed record KindChannels(NotificationKind Kind, IReadOnlyList<NotificationChannel> Enabled, IReadOnlyList<NotificationChannel>? Available = null);

/// <summary>A daily window in Korea time ("HH:mm"); Start after End spans midnight (22:00–08:00).</summary>
public sealed record QuietHoursWindow(string Start, string End);

/// <summary>
/// All of a user's choices. As a PUT body it replaces them: a kind left out goes back to its defaults,
/// and no quietHours means none.
/// </summary>
public sealed record NotificationPreferences(IReadOnlyList<KindChannels>? Kinds, QuietHoursWindow? QuietHours, string TimeZone = "Asia/Seoul");
