using System.ComponentModel.DataAnnotations;

namespace OneDay.Persistence.Outbox;

/// <summary>How the outbox dispatcher works (section "Outbox").</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often unsent rows are looked for even without a notification.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Outbox:SweepInterval must be between {1} and {2}")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between {1} and {2}")]
    public int BatchSize { get; set; } = 100;

    /// <summary>Wait after the first failed publish; doubles with each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Outbox:InitialBackoff must be between {1} and {2}")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Outbox:MaxBackoff must be between {1} and {2}")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the age of the oldest unsent row is sampled for the outbox-lag gauge.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Outbox:LagSampleInterval must be between {1} and {2}")]
    public TimeSpan LagSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one publish may take before it counts as failed. The row stays locked while its sidecar
    /// answers, so a hung sidecar must not hold it (and the rest of its batch) for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Outbox:PublishTimeout must be between {1} and {2}")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
