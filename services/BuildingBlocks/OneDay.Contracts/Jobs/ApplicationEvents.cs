namespace OneDay.Contracts.Jobs;

public sealed record ApplicationSubmitted(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle)
    : IntegrationEvent;

public sealed record ApplicationAccepted(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle)
    : IntegrationEvent;

/// <summary>
/// The application ended without a match. <paramref name="Outcome"/> says how: "Rejected" (by the employer,
/// or the applicant was not eligible: <paramref name="Reason"/> "ineligible:&lt;reasons&gt;"), "Expired" (no
/// decision before the deadline) or "Failed" (the process could not complete).
/// </summary>
public sealed record ApplicationRejected(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string Reason, string Outcome = "Rejected")
    : IntegrationEvent;

public sealed record ApplicationCancelled(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, Guid CancelledBy, string Reason)
    : IntegrationEvent;
