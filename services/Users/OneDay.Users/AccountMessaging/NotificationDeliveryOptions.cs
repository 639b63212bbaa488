using System.ComponentModel.DataAnnotations;

namespace OneDay.Users.AccountMessaging;

/// <summary>How pending notifications are retried (section "NotificationDelivery").</summary>
public sealed class NotificationDeliveryOptions
{
    public const string Section = "NotificationDelivery";

    /// <summary>How often due messages are looked for when nothing woke the worker (another replica's writes, retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;
}
