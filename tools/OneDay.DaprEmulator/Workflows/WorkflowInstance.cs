using Dapr.DurableTask.Protobuf;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>
/// One workflow instance: its committed history, the inbox of events for its next turn and the turn in
/// flight, if any. Guarded by the engine's lock on the instance.
/// </summary>
internal sealed class WorkflowInstance(string id)
{
    public string Id { get; } = id;

    public List<HistoryEvent> History { get; } = [];

    public List<HistoryEvent> Inbox { get; } = [];

    /// <summary>The turn dispatched and not yet answered: its token and its new events (docs/dapr-workflow.md W.3.4).</summary>
    public (string Token, List<HistoryEvent> NewEvents)? TurnInFlight { get; set; }

    public string? CustomStatus { get; set; }

    /// <summary>The instance's key counts and generation in the state store, as last saved.</summary>
    public WorkflowStoreMetadata StoreMetadata { get; set; } = WorkflowStoreMetadata.Empty;

    /// <summary>How many leading history events the store already holds as they are (0 after continue-as-new).</summary>
    public int SavedHistory { get; set; }

    /// <summary>One save at a time per instance.</summary>
    public SemaphoreSlim Saving { get; } = new(1, 1);

    /// <summary>Completed whenever the instance's state changes, then replaced; waiters re-check and wait again.</summary>
    public TaskCompletionSource Changed { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExecutionStartedEvent? Started => History.LastOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted;

    public string ExecutionId => Started?.WorkflowInstance?.ExecutionId
        ?? Inbox.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted.WorkflowInstance.ExecutionId
        ?? "";

    public ExecutionCompletedEvent? Completed => History.LastOrDefault(e => e.ExecutionCompleted is not null)?.ExecutionCompleted;

    /// <summary>docs/dapr-workflow.md W.4.8.</summary>
    public OrchestrationStatus Status
    {
        get
        {
            if (Started is null) return OrchestrationStatus.Pending;
            if (Completed is { } completed) return completed.WorkflowStatus;
            var latest = History.LastOrDefault(e => e.ExecutionSuspended is not null || e.ExecutionResumed is not null);
            return latest?.ExecutionSuspended is not null ? OrchestrationStatus.Suspended : OrchestrationStatus.Running;
        }
    }

    public bool IsTerminal => Status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
        or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    /// <summary>The scheduled task, timer or child an event answers, if it answers one.</summary>
    public static int? ResolvedTask(HistoryEvent e) => e.EventTypeCase switch
    {
        HistoryEvent.EventTypeOneofCase.TaskCompleted => e.TaskCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TaskFailed => e.TaskFailed.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.TimerFired => e.TimerFired.TimerId,
        HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceCompleted => e.ChildWorkflowInstanceCompleted.TaskScheduledId,
        HistoryEvent.EventTypeOneofCase.ChildWorkflowInstanceFailed => e.ChildWorkflowInstanceFailed.TaskScheduledId,
        _ => null,
    };

    /// <summary>Whether the history, the turn in flight or the inbox already answers <paramref name="taskId"/>.</summary>
    public bool IsResolved(int taskId) =>
        History.Concat(TurnInFlight?.NewEvents ?? []).Concat(Inbox).Any(e => ResolvedTask(e) == taskId);

    public void NotifyChanged()
    {
        var previous = Changed;
        Changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
