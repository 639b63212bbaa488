namespace OneDay.Contracts.Jobs;

public sealed record JobCreated(JobSnapshot Job) : IntegrationEvent;

public sealed record JobUpdated(JobSnapshot Job) : IntegrationEvent;

/// <summary>A job was withdrawn or removed; <paramref name="Version"/> orders it after the last snapshot.</summary>
public sealed record JobDeleted(Guid JobId, long Version) : IntegrationEvent;

/// <summary>
/// An application was accepted (by the employer, or at once in Instant mode): the employer and the worker are
/// matched for the job. The one event of an acceptance: chat opens their rooms, notifications tells both.
/// </summary>
public sealed record JobMatched(Guid JobId, Guid ApplicationId, Guid EmployerId, Guid WorkerId, string JobTitle, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
    : IntegrationEvent;

/// <summary>
/// The work was done: payments may charge the employer and pay the worker. The wage is the job's, as
/// posted (<see cref="WageKrw"/> per <see cref="WageUnit"/>, "Hourly" or "Daily"), with the minutes the
/// employer recorded: payments works out what is owed from them, overtime premium included.
/// <paramref name="FromAttendanceRecord"/>: the minutes are the attendance record's, which the worker hears of from the
/// attendance-confirmed committed with this event (so the worker is told the completion once, with the record).
/// </summary>
public sealed record JobCompleted(
    Guid JobId, Guid ApplicationId, Guid EmployerId, Guid WorkerId, long WageKrw, string WageUnit, int MinutesWorked, DateTimeOffset CompletedAt,
    bool FromAttendanceRecord = false)
    : IntegrationEvent;
