namespace OneDay.Jobs.Workflows;

/// <summary>The workflow's custom status: its step, and while it waits for the employer or for the check-in, until when.</summary>
public sealed record JobApplicationProgress(JobApplicationStep Step, DateTimeOffset? DecisionDeadline = null, DateTimeOffset? CheckInDeadline = null);
