namespace OneDay.Jobs.Workflows;

/// <summary>Where a job-application workflow stands: its custom status, which GET /jobs/applications/{id} shows.</summary>
public enum JobApplicationStep
{
    ConfirmingEligibility,
    NotifyingEmployer,
    AwaitingDecision,
    Compensating,
    Finished,
}
