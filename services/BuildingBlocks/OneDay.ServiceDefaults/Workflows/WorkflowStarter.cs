using Dapr.Workflow;

namespace OneDay.ServiceDefaults.Workflows;

/// <summary>
/// Starts a workflow instance at most once per instance id: an instance that exists already, running or
/// ended, counts as started. Whoever asks may ask again (an outbox row published twice after a crash),
/// and daprd would otherwise run an ended instance's id again from the start.
/// </summary>
public sealed class WorkflowStarter(DaprWorkflowClient workflows)
{
    /// <summary>Starts <paramref name="workflowName"/> as <paramref name="instanceId"/>; false when it existed already.</summary>
    public async Task<bool> StartOnceAsync(string workflowName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        if (await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { Exists: true }) return false;
        // Given a start time (now), the sidecar answers once the instance is saved instead of after its first turn
        // (docs/dapr-workflow.md W.2.3a), so the caller waits for the start to be durable, not for the engine's backlog.
        // Now by the sidecar's clock, the wall clock: the app's TimeProvider may be moved (tests), and a start time
        // ahead of the sidecar's clock would hold the workflow back until then.
        await workflows.ScheduleNewWorkflowAsync(workflowName, instanceId, input, startTime: TimeProvider.System.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
