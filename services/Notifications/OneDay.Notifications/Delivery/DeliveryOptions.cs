using System.ComponentModel.DataAnnotations;

namespace OneDay.Notifications.Delivery;

/// <summary>How the dispatcher sends (section "Delivery").</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How often other replicas' work and deferred messages are looked for without a wake-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Wait after a channel's first failure; doubles with each further failure up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts before a message is recorded as failed and given up.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;
}
