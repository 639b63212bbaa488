namespace OneDay.Contracts.Jobs;

public sealed record JobCreated(JobSnapshot Job) : IntegrationEvent;

public sealed record JobUpdated(JobSnapshot Job) : IntegrationEvent;

/// <summary>A job was withdrawn or removed; <paramref name="Version"/> orders it after the last snapshot.</summary>
public sealed record JobDeleted(Guid JobId, long Version) : IntegrationEvent;

/// <summary>The employer and one worker are matched for a job (chat opens their room).</summary>
public sealed record JobMatched(Guid JobId, Guid ApplicationId, Guid EmployerId, Guid WorkerId, string JobTitle, DateTimeOffset StartsAt)
    : IntegrationEvent;

/// <summary>The work was done: payments may charge the employer and pay the worker.</summary>
public sealed record JobCompleted(Guid JobId, Guid ApplicationId, Guid EmployerId, Guid WorkerId, long WageKrw, DateTimeOffset CompletedAt)
    : IntegrationEvent;
