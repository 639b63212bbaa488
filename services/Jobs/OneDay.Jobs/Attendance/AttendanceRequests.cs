using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Attendance;

/// <summary>A worker's scan of the workplace's code, with where their phone says they are and how sure it is.</summary>
public sealed record AttendanceScan(
    [property: Required, StringLength(200)] string Code,
    [property: Range(-90.0, 90.0)] double Latitude,
    [property: Range(-180.0, 180.0)] double Longitude,
    [property: Range(0.0, 100_000.0)] double AccuracyMeters);

/// <summary>The employer setting arrival or departure by hand (a phone without battery, a code that will not scan).</summary>
public sealed record ManualAttendance(DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt);

/// <summary>The employer's objection to the record, within the confirmation window.</summary>
public sealed record AttendanceDispute([property: Required, StringLength(500, MinimumLength = 2)] string Reason);

/// <summary>The record as both sides see it.</summary>
public sealed record AttendanceView(
    Guid ApplicationId,
    DateTimeOffset? CheckedInAt,
    AttendanceSource? CheckInSource,
    int LateMinutes,
    DateTimeOffset? CheckedOutAt,
    AttendanceSource? CheckOutSource,
    int? MinutesWorked,
    string? DisputeReason,
    DateTimeOffset? ShiftConfirmedAt)
{
    public static AttendanceView Of(AttendanceRecord record, JobPostings.Job job) => new(
        record.ApplicationId, record.CheckedInAt, record.CheckInSource, record.LateMinutes, record.CheckedOutAt, record.CheckOutSource,
        record.MinutesWorked(job.StartsAt, job.BreakMinutes), record.DisputeReason, record.ShiftConfirmedAt);
}

/// <summary>The code the employer's device shows: its text, the same as an SVG QR code, and until when it is taken.</summary>
public sealed record CheckInCodeView(string Payload, string Svg, DateTimeOffset ExpiresAt);
