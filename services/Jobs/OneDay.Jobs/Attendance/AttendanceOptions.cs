using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Attendance;

/// <summary>The rules of checking in and out at the workplace (section "Attendance").</summary>
public sealed class AttendanceOptions
{
    public const string Section = "Attendance";

    /// <summary>
    /// The key check-in codes are signed with (HMAC-SHA256), base64, at least 32 bytes: from jobs' own secret.
    /// Replicas share it, so a code shown by one is accepted by another.
    /// </summary>
    [Required]
    public string SigningKey { get; set; } = "";

    /// <summary>How long a check-in code is shown before the next one replaces it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:05:00")]
    public TimeSpan CodeRotation { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far from the workplace a worker may check in or out.</summary>
    [Range(20, 5_000)]
    public double GeofenceMeters { get; set; } = 200;

    /// <summary>
    /// A phone's reported accuracy widens the fence by as much, up to this: a fix good to 50 m just outside the
    /// fence may be inside it, while a fix good only to a kilometre says nothing about where the worker is.
    /// </summary>
    [Range(0, 1_000)]
    public double MaxCountedAccuracyMeters { get; set; } = 100;

    /// <summary>How long before the start a worker may check in.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "04:00:00")]
    public TimeSpan OpensBeforeStart { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after the scheduled end a worker may still check out (overtime is paid from what was worked).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan ClosesAfterEnd { get; set; } = TimeSpan.FromHours(4);
}
