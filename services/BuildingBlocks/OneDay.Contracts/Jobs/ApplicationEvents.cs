namespace OneDay.Contracts.Jobs;

/// <summary>
/// The application ended without a match. <paramref name="Outcome"/> says how: "Rejected" (by the employer,
/// or the applicant was not eligible: <paramref name="Reason"/> "ineligible:&lt;reasons&gt;"), "Expired" (no
/// decision before the deadline) or "Failed" (the process could not complete). It carries the job's title so
/// the applicant can be told which application ended without anything else having been heard of it.
/// </summary>
public sealed record ApplicationRejected(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, string Reason, string Outcome = "Rejected")
    : IntegrationEvent;

/// <summary>
/// A matched worker did not check in by the job's start plus the grace: the place is open again, and both sides
/// are told (the worker's reliability counts it).
/// </summary>
public sealed record ApplicationNoShow(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, DateTimeOffset StartsAt)
    : IntegrationEvent;

/// <summary>
/// An application was cancelled (by the worker, by the employer, with its job, or with the worker's account); the side
/// that did not cancel is told. <see cref="CancellationPayKrw"/> is what the employer owes a matched worker they
/// cancelled late: payments makes it payable like a wage.
/// </summary>
public sealed record ApplicationCancelled(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle, Guid CancelledBy, string Reason)
    : IntegrationEvent
{
    public long CancellationPayKrw { get; init; }
}
