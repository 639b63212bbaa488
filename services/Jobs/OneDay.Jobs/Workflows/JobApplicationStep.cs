namespace OneDay.Jobs.Workflows;

/// <summary>Where a job-application workflow stands: its custom status, which GET /jobs/applications/{id} shows.</summary>
public enum JobApplicationStep
{
    ConfirmingEligibility,
    NotifyingEmployer,
    AwaitingDecision,
    /// <summary>Matched: waiting for the worker to check in, until the start plus the grace.</summary>
    AwaitingCheckIn,
    Compensating,
    Finished,
}
