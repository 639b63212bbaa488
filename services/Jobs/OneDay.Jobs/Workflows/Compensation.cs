using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Ends the application with <paramref name="Outcome"/> and <paramref name="Reason"/>. <paramref name="FailedStep"/>
/// names the step whose calls were exhausted (a failure, counted in the saga metrics).
/// </summary>
public sealed record Compensation(
    Guid ApplicationId,
    string? TraceParent,
    ApplicationStatus Outcome,
    string Reason,
    JobApplicationStep? FailedStep = null);
