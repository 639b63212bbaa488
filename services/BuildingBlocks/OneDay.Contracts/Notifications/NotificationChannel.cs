using System.Text.Json.Serialization;

namespace OneDay.Contracts.Notifications;

/// <summary>Where a notification goes: the in-app list (and hub), or one of the Dapr output bindings (named like the channel).</summary>
public enum NotificationChannel
{
    [JsonStringEnumMemberName("in-app")] InApp,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("sms")] Sms,
    [JsonStringEnumMemberName("push")] Push,
}
