using Dapr.Workflow;

namespace OneDay.ServiceDefaults.Workflows;

/// <summary>
/// Where one workflow instance stands, as the sidecar tells it: its runtime status, when it started (the run's
/// first event) and last moved, its custom status (<typeparamref name="TStep"/>, the step) and, once failed, why.
/// </summary>
public sealed record WorkflowStanding<TStep>(
    string InstanceId,
    WorkflowRuntimeStatus RuntimeStatus,
    DateTimeOffset StartedAt,
    DateTimeOffset LastUpdatedAt,
    TStep? Step,
    string? Failure)
{
    /// <summary>Still owned by the engine: a retry would start a second run beside it.</summary>
    public bool IsActive => RuntimeStatus is WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Suspended;
}
