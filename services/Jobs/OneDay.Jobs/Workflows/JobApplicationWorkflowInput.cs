namespace OneDay.Jobs.Workflows;

/// <summary>
/// What a job-application workflow starts with, fixed for its life: the application, the trace of the
/// request that recorded it (every activity's span continues it), and the retry budget of its calls, so
/// that a changed setting cannot make an instance in flight replay differently from its history.
/// <paramref name="AppliedAt"/> times how long after the application its first step ran (absent in
/// instances started before it was added). <paramref name="WaitlistClosesAt"/> is set when the application was
/// waitlisted: it waits for a place until then (after the job's start as it was when applying).
/// </summary>
public sealed record JobApplicationWorkflowInput(
    Guid ApplicationId,
    string? TraceParent,
    int StepAttempts,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    DateTimeOffset? AppliedAt = null,
    DateTimeOffset? WaitlistClosesAt = null);
