using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Reliability;

/// <summary>How a worker's broken promises count (section "Reliability"): points that, enough of them, pause applying.</summary>
public sealed class ReliabilityOptions
{
    public const string Section = "Reliability";

    /// <summary>A matched worker cancelling this close to the start cancels late.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan LateCancelWindow { get; set; } = TimeSpan.FromHours(24);

    [Range(0, 100)]
    public int LateCancelPoints { get; set; } = 2;

    [Range(0, 100)]
    public int NoShowPoints { get; set; } = 4;

    /// <summary>Points within <see cref="PointsWindow"/> that suspend applying.</summary>
    [Range(1, 1000)]
    public int SuspendAtPoints { get; set; } = 8;

    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan PointsWindow { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long applying stays suspended from the point that reached the threshold.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Suspension { get; set; } = TimeSpan.FromDays(14);
}
