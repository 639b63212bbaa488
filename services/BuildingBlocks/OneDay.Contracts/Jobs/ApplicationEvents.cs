namespace OneDay.Contracts.Jobs;

public sealed record ApplicationSubmitted(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle)
    : IntegrationEvent;

public sealed record ApplicationAccepted(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string JobTitle)
    : IntegrationEvent;

public sealed record ApplicationRejected(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, string Reason)
    : IntegrationEvent;

public sealed record ApplicationCancelled(Guid ApplicationId, Guid JobId, Guid WorkerId, Guid EmployerId, Guid CancelledBy, string Reason)
    : IntegrationEvent;
