namespace OneDay.Jobs.Workflows;

/// <summary>
/// The workflow's custom status: its step, and until when it waits — for the employer's decision, or on the shift
/// (the check-in, the check-out, the employer's confirmation of the record).
/// </summary>
public sealed record JobApplicationProgress(JobApplicationStep Step, DateTimeOffset? DecisionDeadline = null, DateTimeOffset? ShiftDeadline = null);
