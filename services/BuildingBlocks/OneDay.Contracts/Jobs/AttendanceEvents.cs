namespace OneDay.Contracts.Jobs;

/// <summary>
/// A matched worker's arrival went on the record: scanned at the workplace, or set by the employer by hand
/// (<paramref name="SetByEmployer"/>), which may replace an earlier time. The side that did not write it is told.
/// <paramref name="LateMinutes"/> counts started minutes after the scheduled start (0 when on time).
/// </summary>
public sealed record WorkerCheckedIn(
    Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, DateTimeOffset CheckedInAt, int LateMinutes, bool SetByEmployer)
    : IntegrationEvent;

/// <summary>A matched worker's departure went on the record, scanned or set by the employer by hand; the side that did not write it is told.</summary>
public sealed record WorkerCheckedOut(
    Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, DateTimeOffset CheckedOutAt, bool SetByEmployer)
    : IntegrationEvent;

/// <summary>
/// The attendance record stands and the work is completed from it: the employer confirmed it
/// (<paramref name="ConfirmedByEmployer"/>), or the confirmation window closed without a dispute. Committed with the
/// completion (job-completed, which carries the pay to payments and tells the employer); this one tells the worker
/// the work is completed and the record the wage is paid from, <paramref name="MinutesWorked"/> being after the job's break.
/// </summary>
public sealed record AttendanceConfirmed(
    Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle,
    DateTimeOffset CheckedInAt, DateTimeOffset CheckedOutAt, int MinutesWorked, bool ConfirmedByEmployer)
    : IntegrationEvent;

/// <summary>
/// The employer objected to the attendance record with <paramref name="Reason"/>: the work is not completed from it
/// until they correct it and complete it. The worker is told the reason, as a rejection's or a cancellation's is.
/// </summary>
public sealed record AttendanceDisputed(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, string Reason)
    : IntegrationEvent;
