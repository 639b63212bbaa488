using Dapr.Workflow;

namespace OneDay.Jobs.Workflows;

/// <summary>Where an application's workflow stands, as GET /jobs/applications/{id} shows it.</summary>
public sealed record JobApplicationWorkflowView(WorkflowRuntimeStatus RuntimeStatus, JobApplicationStep? Step, DateTimeOffset? DecisionDeadline, DateTimeOffset? ShiftDeadline = null);
