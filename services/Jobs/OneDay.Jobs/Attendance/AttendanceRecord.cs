using OneDay.Jobs.Data;

namespace OneDay.Jobs.Attendance;

/// <summary>Who put a time on the record: the worker scanning the workplace's code, or the employer by hand.</summary>
public enum AttendanceSource
{
    Scan,
    Employer,
}

/// <summary>
/// When a matched worker arrived and left (one record per application). The wage is paid from it: minutes
/// worked are from the later of arrival and the scheduled start to departure, less the job's break.
/// </summary>
public sealed class AttendanceRecord
{
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid WorkerId { get; init; }
    public DateTimeOffset? CheckedInAt { get; private set; }
    public AttendanceSource? CheckInSource { get; private set; }
    public int LateMinutes { get; private set; }
    public DateTimeOffset? CheckedOutAt { get; private set; }
    public AttendanceSource? CheckOutSource { get; private set; }
    /// <summary>When the worker confirmed, the day before, that they will come.</summary>
    public DateTimeOffset? ShiftConfirmedAt { get; private set; }
    /// <summary>The employer's objection to the record, which holds the wage until they correct it and complete the work.</summary>
    public string? DisputeReason { get; private set; }
    public DateTimeOffset? DisputedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static AttendanceRecord For(Guid applicationId, Guid jobId, Guid workerId) => new()
    {
        ApplicationId = applicationId,
        JobId = jobId,
        WorkerId = workerId,
    };

    public void CheckIn(DateTimeOffset at, AttendanceSource source, DateTimeOffset startsAt, DateTimeOffset now)
    {
        CheckedInAt = at = DatabaseTime.Of(at);
        CheckInSource = source;
        // Started minutes count: a minute and a second late is two minutes late.
        LateMinutes = at > startsAt ? (int)Math.Ceiling((at - startsAt).TotalMinutes) : 0;
        UpdatedAt = DatabaseTime.Of(now);
    }

    public void CheckOut(DateTimeOffset at, AttendanceSource source, DateTimeOffset now)
    {
        CheckedOutAt = DatabaseTime.Of(at);
        CheckOutSource = source;
        UpdatedAt = DatabaseTime.Of(now);
    }

    public void ConfirmShift(DateTimeOffset now)
    {
        ShiftConfirmedAt = DatabaseTime.Of(now);
        UpdatedAt = ShiftConfirmedAt.Value;
    }

    public void Dispute(string reason, DateTimeOffset now)
    {
        DisputeReason = reason;
        DisputedAt = DatabaseTime.Of(now);
        UpdatedAt = DatabaseTime.Of(now);
    }

    /// <summary>Minutes to pay, once both times are known: arriving early earns nothing, staying late does.</summary>
    public int? MinutesWorked(DateTimeOffset startsAt, int breakMinutes) =>
        CheckedInAt is { } checkedIn && CheckedOutAt is { } checkedOut
            ? Math.Max(0, (int)Math.Floor((checkedOut - (checkedIn > startsAt ? checkedIn : startsAt)).TotalMinutes) - breakMinutes)
            : null;
}
