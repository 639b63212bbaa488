using OneDay.Jobs.Applications;
using OneDay.ServiceDefaults.Workflows;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Operations;

/// <summary>
/// An application its workflow should have moved on by <paramref name="DueBy"/> (applied, or its decision deadline),
/// and where that workflow stands; <paramref name="Workflow"/> is null when the sidecar has no instance for it.
/// </summary>
public sealed record OverdueApplicationWorkflow(Guid ApplicationId, Guid JobId, ApplicationStatus Status, DateTimeOffset AppliedAt, DateTimeOffset DueBy, WorkflowStanding<JobApplicationProgress>? Workflow);

/// <summary>A page of overdue application workflows, oldest first; <see cref="NextCursor"/> fetches the next.</summary>
public sealed record OverdueApplicationWorkflowsPage(IReadOnlyList<OverdueApplicationWorkflow> Items, Guid? NextCursor);
