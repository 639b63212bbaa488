using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapr.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace OneDay.DaprEmulator.Workflows;

/// <summary>
/// The durable task engine of one sidecar: turns workflow instances into work items for the app's worker
/// and folds the worker's answers back into each instance's history (docs/dapr-workflow.md W.3, W.4).
/// Every change is saved to the actor state store before anything acts on it (work dispatched, timers
/// armed, waiters told), so an emulator started again on the same store carries on from the last save.
/// </summary>
public sealed class WorkflowEngine(TimeProvider time, ILogger logger)
{
    /// <summary>The indefinite external-event wait's timer: never armed (docs/dapr-workflow.md W.4.2).</summary>
    private static readonly Timestamp NeverFires = new() { Seconds = 253402300799, Nanos = 999999999 };

    private readonly ConcurrentDictionary<string, WorkflowInstance> _instances = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkflowStateStore? _store;

    // Work waits here until a worker's stream takes it (docs/dapr-workflow.md W.5.1).
    private readonly Channel<WorkItem> _work = Channel.CreateUnbounded<WorkItem>();

    public ChannelReader<WorkItem> Work => _work.Reader;

    /// <summary>Completes once the stored instances are loaded; requests wait for it.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>
    /// Takes up the instances kept in <paramref name="store"/> (null: none configured, state stays in
    /// memory): timers are armed again, activities not yet answered and pending turns dispatched again.
    /// </summary>
    internal async Task LoadAsync(WorkflowStateStore? store, CancellationToken cancellationToken)
    {
        try
        {
            _store = store;
            if (store is not null)
            {
                foreach (var (stored, metadata) in await store.LoadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    var instance = new WorkflowInstance(stored.InstanceId) { StoreMetadata = metadata, SavedHistory = stored.History.Count, CustomStatus = stored.CustomStatus };
                    instance.History.AddRange(stored.History);
                    instance.Inbox.AddRange(stored.Inbox);
                    _instances.TryAdd(instance.Id, instance);
                }
                foreach (var instance in _instances.Values) Resume(instance);
                if (!_instances.IsEmpty) logger.LogInformation("workflow engine took up {Count} stored instances", _instances.Count);
            }
            _loaded.TrySetResult();
        }
        catch (Exception ex)
        {
            _loaded.TrySetException(ex);
            throw;
        }
    }

    private void Resume(WorkflowInstance instance)
    {
        List<Action> effects = [];
        lock (instance)
        {
            if (instance.IsTerminal) return;
            foreach (var e in instance.History)
            {
                if (e.TimerCreated is { } timer && !instance.IsResolved(e.EventId) && !timer.FireAt.Equals(NeverFires))
                    effects.Add(ArmTimer(instance, e.EventId, timer.FireAt));
                else if (e.TaskScheduled is not null && !instance.IsResolved(e.EventId))
                    effects.Add(Dispatch(ActivityItem(instance, e.EventId, e.TaskScheduled)));
                else if (e.ChildWorkflowInstanceCreated is { } child && !instance.IsResolved(e.EventId))
                    effects.Add(ResumeChild(instance, e.EventId, child));
            }
        }
        foreach (var effect in effects) effect();
        if (instance.Inbox.FirstOrDefault(e => e.ExecutionStarted is not null)?.ExecutionStarted is { } started) DispatchWhenDue(instance, started);
        else TryDispatchTurn(instance);
    }

    /// <summary>A child whose start was not saved is started again; one that ended without its parent hearing of it reports again.</summary>
    private Action ResumeChild(WorkflowInstance parent, int taskScheduledId, ChildWorkflowInstanceCreatedEvent child) => () =>
    {
        if (!_instances.TryGetValue(child.InstanceId, out var instance))
            _ = StartChildAsync(parent, taskScheduledId, new CreateChildWorkflowAction { InstanceId = child.InstanceId, Name = child.Name, Version = child.Version, Input = child.Input });
        else
            lock (instance)
                if (instance.IsTerminal && instance.Completed is { } completed) ReportToParent(instance, completed.WorkflowStatus, completed.Result, completed.FailureDetails)();
    };

    /// <summary>Puts back an item written to a stream that died, unless it has been answered meanwhile (docs/dapr-workflow.md W.5.1).</summary>
    public void Redispatch(WorkItem item)
    {
        if (!IsAnswered(item)) _work.Writer.TryWrite(item);
    }

    public bool IsAnswered(WorkItem item) => item.RequestCase switch
    {
        WorkItem.RequestOneofCase.WorkflowRequest => !(_instances.TryGetValue(item.WorkflowRequest.InstanceId, out var instance) && IsTurnInFlight(instance, item.CompletionToken)),
        WorkItem.RequestOneofCase.ActivityRequest => !(_instances.TryGetValue(item.ActivityRequest.WorkflowInstance.InstanceId, out var owner) && IsActivityPending(owner, item.ActivityRequest.TaskId)),
        _ => true,
    };

    private static bool IsTurnInFlight(WorkflowInstance instance, string token)
    {
        lock (instance) return instance.TurnInFlight?.Token == token;
    }

    private static bool IsActivityPending(WorkflowInstance instance, int taskId)
    {
        lock (instance) return !instance.IsTerminal && !instance.IsResolved(taskId);
    }

    private int _connectedWorkers;

    /// <summary>Open `GetWorkItems` streams, which daprd's metadata reports (docs/dapr-workflow.md W.6.3).</summary>
    public int ConnectedWorkers => Volatile.Read(ref _connectedWorkers);

    internal void WorkerConnected() => Interlocked.Increment(ref _connectedWorkers);

    internal void WorkerDisconnected() => Interlocked.Decrement(ref _connectedWorkers);

    public async Task<string> StartAsync(CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        var id = await ScheduleAsync(request, cancellationToken).ConfigureAwait(false);
        // daprd answers once the first turn is committed, unless the start is scheduled (docs/dapr-workflow.md W.2.3).
        if (request.ScheduledStartTimestamp is null) await WaitUntilAsync(id, i => i.Status != OrchestrationStatus.Pending, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Creates the instance without waiting for its first turn, as daprd's HTTP start does (docs/dapr-workflow.md W.6.2).</summary>
    public async Task<string> ScheduleAsync(CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        var id = string.IsNullOrEmpty(request.InstanceId) ? Guid.NewGuid().ToString("N") : request.InstanceId;
        await EnqueueAsync(NewExecution(id, request.Name, request.Input, request.ParentTraceContext, request.ScheduledStartTimestamp), cancellationToken).ConfigureAwait(false);
        return id;
    }

    // Every run gets a fresh execution id, which seeds the SDK's deterministic ids (docs/dapr-workflow.md W.3.3).
    private static ExecutionStartedEvent NewExecution(string id, string name, string? input, TraceContext? trace, Timestamp? scheduledStart) => new()
    {
        Name = name,
        Input = input,
        WorkflowInstance = new() { InstanceId = id, ExecutionId = Guid.NewGuid().ToString() },
        ParentTraceContext = trace,
        ScheduledStartTimestamp = scheduledStart,
    };

    /// <summary>Creates the instance (an id may be reused once its instance is terminal: docs/dapr-workflow.md W.2.3).</summary>
    private async Task EnqueueAsync(ExecutionStartedEvent started, CancellationToken cancellationToken)
    {
        var id = started.WorkflowInstance.InstanceId;
        // A reused id keeps the stored key counts, so the save removes the old run's keys, and a new generation.
        var instance = _instances.AddOrUpdate(id, _ => new WorkflowInstance(id), (_, existing) => existing.IsTerminal
            ? new WorkflowInstance(id) { StoreMetadata = existing.StoreMetadata with { Generation = existing.StoreMetadata.Generation + 1 } }
            : throw new InvalidOperationException($"an active workflow with ID '{id}' already exists"));
        lock (instance) instance.Inbox.Add(Event(started: started));
        await SaveAsync(instance, cancellationToken).ConfigureAwait(false);
        DispatchWhenDue(instance, started);
    }

    /// <summary>A scheduled start runs its first turn when due (daprd's start reminder: docs/dapr-workflow.md W.2.3).</summary>
    private void DispatchWhenDue(WorkflowInstance instance, ExecutionStartedEvent started)
    {
        if (started.ScheduledStartTimestamp is { } due && due.ToDateTimeOffset() > time.GetUtcNow()) _ = DispatchLaterAsync(instance, due.ToDateTimeOffset());
        else TryDispatchTurn(instance);
    }

    private async Task DispatchLaterAsync(WorkflowInstance instance, DateTimeOffset due)
    {
        await DelayUntilAsync(due).ConfigureAwait(false);
        TryDispatchTurn(instance);
    }

    /// <summary>
    /// Waits until the clock reads <paramref name="due"/>. Timers count whole milliseconds on a coarse clock and
    /// may wake a few ms early; the turn's workflowStarted time must not precede a timer's fireAt (docs/dapr-workflow.md W.3.2).
    /// </summary>
    private async Task DelayUntilAsync(DateTimeOffset due)
    {
        for (var wait = due - time.GetUtcNow(); wait > TimeSpan.Zero; wait = due - time.GetUtcNow())
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time).ConfigureAwait(false);
    }

    internal async Task<WorkflowInstance?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _instances.GetValueOrDefault(id);
    }

    internal async Task<WorkflowInstance?> WaitUntilAsync(string id, Func<WorkflowInstance, bool> condition, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            if (!_instances.TryGetValue(id, out var instance)) return null;
            Task changed;
            lock (instance)
            {
                if (condition(instance)) return instance;
                changed = instance.Changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    public async Task<bool> RaiseEventAsync(RaiseEventRequest request, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(request.InstanceId, Event(raised: new EventRaisedEvent { Name = request.Name, Input = request.Input }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Folds a worker's answer into the history; stale or unknown answers are ignored (W.2.2).</summary>
    public async Task CompleteTurnAsync(WorkflowResponse response, CancellationToken cancellationToken)
    {
        if (!_instances.TryGetValue(response.InstanceId, out var instance)) return;
        List<Action> effects = [];
        lock (instance)
        {
            if (instance.TurnInFlight is not { } turn || (response.CompletionToken.Length > 0 && response.CompletionToken != turn.Token)) return;
            instance.TurnInFlight = null;
            RecordVersion(instance.History, turn.NewEvents, response.Version);
            instance.History.AddRange(turn.NewEvents);
            instance.CustomStatus = response.CustomStatus;
            foreach (var action in response.Actions.OrderBy(a => a.Id))
                if (!Apply(instance, action, effects)) break;
        }
        await SaveAsync(instance, cancellationToken).ConfigureAwait(false);
        foreach (var effect in effects) effect();
        lock (instance) instance.NotifyChanged();
        TryDispatchTurn(instance);
    }

    /// <summary>
    /// Stamps the version the worker reports (the patches its code took this turn, in order, or a name) on the
    /// turn's workflowStarted, keeping only the patches the history does not already hold: the SDK reads a
    /// patch as taken when any earlier turn recorded it (docs/dapr-workflow.md W.3.8).
    /// </summary>
    private static void RecordVersion(List<HistoryEvent> history, List<HistoryEvent> newEvents, WorkflowVersion? version)
    {
        if (version is null || (version.Patches.Count == 0 && !version.HasName)) return;
        if (newEvents.FirstOrDefault(e => e.WorkflowStarted is not null)?.WorkflowStarted is not { } started) return;
        started.Version = version.Clone();
        if (version.Patches.Count == 0) return;
        var recorded = history.SelectMany(e => e.WorkflowStarted?.Version?.Patches ?? [])
            .GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var fresh = new List<string>();
        foreach (var patch in version.Patches)
        {
            if (recorded.GetValueOrDefault(patch) > 0) recorded[patch]--;
            else fresh.Add(patch);
        }
        started.Version = fresh.Count > 0 ? new WorkflowVersion { Patches = { fresh } } : null;
    }

    /// <summary>Puts an activity's result in the inbox, once: a result for a task already answered (an activity run twice) is dropped.</summary>
    public async Task CompleteActivityAsync(ActivityResponse response, CancellationToken cancellationToken)
    {
        if (!_instances.TryGetValue(response.InstanceId, out var instance)) return;
        lock (instance)
        {
            var scheduled = instance.History.FirstOrDefault(e => e.EventId == response.TaskId && e.TaskScheduled is not null);
            if (scheduled is null || instance.IsTerminal || instance.IsResolved(response.TaskId)) return;
            instance.Inbox.Add(response.FailureDetails is { } failure
                ? Event(failed: new TaskFailedEvent { TaskScheduledId = response.TaskId, FailureDetails = failure, TaskExecutionId = scheduled.TaskScheduled.TaskExecutionId })
                : Event(completed: new TaskCompletedEvent { TaskScheduledId = response.TaskId, Result = response.Result, TaskExecutionId = scheduled.TaskScheduled.TaskExecutionId }));
        }
        await SaveAsync(instance, cancellationToken).ConfigureAwait(false);
        TryDispatchTurn(instance);
    }

    private static WorkItem ActivityItem(WorkflowInstance instance, int taskId, TaskScheduledEvent scheduled) => new()
    {
        CompletionToken = Guid.NewGuid().ToString(),
        ActivityRequest = new ActivityRequest
        {
            Name = scheduled.Name, Version = scheduled.Version, Input = scheduled.Input, TaskId = taskId, TaskExecutionId = scheduled.TaskExecutionId,
            WorkflowInstance = new() { InstanceId = instance.Id, ExecutionId = instance.ExecutionId },
            ParentTraceContext = scheduled.ParentTraceContext,
        },
    };

    private Action Dispatch(WorkItem item) => () => _work.Writer.TryWrite(item);

    // Returns false once the workflow has completed: later actions are ignored (docs/dapr-workflow.md W.4).
    // What must follow the save (work, timers, children, the parent told) goes to effects.
    private bool Apply(WorkflowInstance instance, WorkflowAction action, List<Action> effects)
    {
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        switch (action.WorkflowActionTypeCase)
        {
            case WorkflowAction.WorkflowActionTypeOneofCase.ScheduleTask:
                var task = action.ScheduleTask;
                var scheduled = new TaskScheduledEvent { Name = task.Name, Version = task.Version, Input = task.Input, TaskExecutionId = task.TaskExecutionId, ParentTraceContext = instance.Started?.ParentTraceContext };
                instance.History.Add(new HistoryEvent { EventId = action.Id, Timestamp = now, TaskScheduled = scheduled });
                effects.Add(Dispatch(ActivityItem(instance, action.Id, scheduled)));
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CreateTimer:
                var timer = action.CreateTimer;
                var created = new TimerCreatedEvent { FireAt = timer.FireAt };
                if (timer.HasName) created.Name = timer.Name;
                switch (timer.OriginCase)
                {
                    case CreateTimerAction.OriginOneofCase.CreateTimer: created.CreateTimer = timer.CreateTimer; break;
                    case CreateTimerAction.OriginOneofCase.ExternalEvent: created.ExternalEvent = timer.ExternalEvent; break;
                    case CreateTimerAction.OriginOneofCase.ActivityRetry: created.ActivityRetry = timer.ActivityRetry; break;
                    case CreateTimerAction.OriginOneofCase.ChildWorkflowRetry: created.ChildWorkflowRetry = timer.ChildWorkflowRetry; break;
                }
                instance.History.Add(new HistoryEvent { EventId = action.Id, Timestamp = now, TimerCreated = created });
                if (!timer.FireAt.Equals(NeverFires)) effects.Add(ArmTimer(instance, action.Id, timer.FireAt));
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CreateChildWorkflow:
                var child = action.CreateChildWorkflow;
                instance.History.Add(new HistoryEvent
                {
                    EventId = action.Id, Timestamp = now,
                    ChildWorkflowInstanceCreated = new ChildWorkflowInstanceCreatedEvent { InstanceId = child.InstanceId, Name = child.Name, Version = child.Version, Input = child.Input },
                });
                effects.Add(() => _ = StartChildAsync(instance, action.Id, child));
                return true;
            case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow when action.CompleteWorkflow.WorkflowStatus == OrchestrationStatus.ContinuedAsNew:
                // A new run replaces the history; events not yet seen stay in the inbox (docs/dapr-workflow.md W.4.4).
                var previous = instance.Started!;
                var next = NewExecution(instance.Id, previous.Name, action.CompleteWorkflow.Result, previous.ParentTraceContext, null);
                next.ParentInstance = previous.ParentInstance;
                instance.History.Clear();
                instance.SavedHistory = 0;
                instance.Inbox.InsertRange(0, [Event(started: next), .. action.CompleteWorkflow.CarryoverEvents]);
                return false;
            case WorkflowAction.WorkflowActionTypeOneofCase.CompleteWorkflow:
                var complete = action.CompleteWorkflow;
                instance.History.Add(new HistoryEvent
                {
                    EventId = -1, Timestamp = now,
                    ExecutionCompleted = new ExecutionCompletedEvent { WorkflowStatus = complete.WorkflowStatus, Result = complete.Result, FailureDetails = complete.FailureDetails },
                });
                instance.Inbox.Clear();
                effects.AddRange(OnTerminal(instance, complete));
                return false;
            default:
                // Not served yet: fail the instance loudly rather than let it hang.
                instance.History.Add(new HistoryEvent
                {
                    EventId = -1, Timestamp = now,
                    ExecutionCompleted = new ExecutionCompletedEvent
                    {
                        WorkflowStatus = OrchestrationStatus.Failed,
                        FailureDetails = new TaskFailureDetails { ErrorType = "NotSupported", ErrorMessage = $"the emulator does not process {action.WorkflowActionTypeCase} actions yet", IsNonRetriable = true },
                    },
                });
                return false;
        }
    }

    private async Task StartChildAsync(WorkflowInstance parent, int taskScheduledId, CreateChildWorkflowAction child)
    {
        var started = NewExecution(child.InstanceId, child.Name, child.Input, parent.Started?.ParentTraceContext, null);
        started.ParentInstance = new ParentInstanceInfo
        {
            TaskScheduledId = taskScheduledId,
            Name = parent.Started?.Name,
            WorkflowInstance = new() { InstanceId = parent.Id, ExecutionId = parent.ExecutionId },
        };
        await Task.Yield();
        try
        {
            await EnqueueAsync(started, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await DeliverAsync(parent.Id, new HistoryEvent
            {
                EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
                ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent { TaskScheduledId = taskScheduledId, FailureDetails = new() { ErrorType = nameof(InvalidOperationException), ErrorMessage = e.Message } },
            }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A child's end reaches its parent; a terminated parent terminates its children (docs/dapr-workflow.md W.4.3, W.4.7).</summary>
    private IEnumerable<Action> OnTerminal(WorkflowInstance instance, CompleteWorkflowAction complete)
    {
        yield return ReportToParent(instance, complete.WorkflowStatus, complete.Result, complete.FailureDetails);
        var terminated = instance.History.LastOrDefault(e => e.ExecutionTerminated is not null)?.ExecutionTerminated;
        if (terminated is { Recurse: true })
            foreach (var created in instance.History.Where(e => e.ChildWorkflowInstanceCreated is not null).ToList())
                yield return () => _ = Task.Run(() => DeliverAsync(created.ChildWorkflowInstanceCreated.InstanceId, Event(terminated: new ExecutionTerminatedEvent { Input = terminated.Input, Recurse = true }), CancellationToken.None));
    }

    private Action ReportToParent(WorkflowInstance instance, OrchestrationStatus status, string? result, TaskFailureDetails? failure)
    {
        if (instance.Started?.ParentInstance is not { } parent) return () => { };
        var e = new HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()) };
        if (status == OrchestrationStatus.Completed)
            e.ChildWorkflowInstanceCompleted = new ChildWorkflowInstanceCompletedEvent { TaskScheduledId = parent.TaskScheduledId, Result = result };
        else
            e.ChildWorkflowInstanceFailed = new ChildWorkflowInstanceFailedEvent { TaskScheduledId = parent.TaskScheduledId, FailureDetails = failure ?? new() { ErrorType = status.ToString(), ErrorMessage = $"the child workflow ended {status}" } };
        return () => _ = Task.Run(() => DeliverAsync(parent.WorkflowInstance.InstanceId, e, CancellationToken.None));
    }

    /// <summary>
    /// Puts an event in an instance's inbox, saves it and runs a turn for it; false for an unknown instance.
    /// A result for a task the instance already has is dropped (a child or timer reporting twice after a restart).
    /// </summary>
    internal async Task<bool> DeliverAsync(string id, HistoryEvent e, CancellationToken cancellationToken)
    {
        if (!_instances.TryGetValue(id, out var instance)) return false;
        lock (instance)
        {
            // A terminal instance accepts the event and drops it (docs/dapr-workflow.md W.2.6).
            if (instance.IsTerminal || (WorkflowInstance.ResolvedTask(e) is { } task && instance.IsResolved(task))) return true;
            instance.Inbox.Add(e);
        }
        await SaveAsync(instance, cancellationToken).ConfigureAwait(false);
        TryDispatchTurn(instance);
        return true;
    }

    /// <summary>
    /// Writes the instance as it now is: history, and as inbox what no committed turn has taken yet (the
    /// events of the turn in flight, then the inbox), so a turn lost with the emulator is run again.
    /// Saves of one instance run one at a time; each writes the latest state.
    /// </summary>
    private async Task SaveAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (_store is null) return;
        await instance.Saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<HistoryEvent> history, inbox;
            int saved;
            string? status;
            lock (instance)
            {
                history = [.. instance.History];
                inbox = [.. instance.TurnInFlight?.NewEvents.Skip(1) ?? [], .. instance.Inbox];
                saved = instance.SavedHistory;
                status = instance.CustomStatus;
            }
            var metadata = await _store.SaveAsync(instance.Id, instance.StoreMetadata, history, saved, inbox, status, cancellationToken).ConfigureAwait(false);
            lock (instance)
            {
                instance.StoreMetadata = metadata;
                // A continue-as-new during the save reset the count: its history is written in full next time.
                if (instance.SavedHistory == saved) instance.SavedHistory = history.Count;
            }
        }
        finally
        {
            instance.Saving.Release();
        }
    }

    internal Task<WorkflowInstance?> TerminateAsync(TerminateRequest request, CancellationToken cancellationToken) =>
        SignalAsync(request.InstanceId, Event(terminated: new ExecutionTerminatedEvent { Input = request.Output, Recurse = request.Recursive }), i => i.IsTerminal, cancellationToken);

    internal Task<WorkflowInstance?> SuspendAsync(SuspendRequest request, CancellationToken cancellationToken) =>
        SignalAsync(request.InstanceId, Event(suspended: new ExecutionSuspendedEvent { Input = request.Reason }), i => i.IsTerminal || i.Status == OrchestrationStatus.Suspended, cancellationToken);

    internal Task<WorkflowInstance?> ResumeAsync(ResumeRequest request, CancellationToken cancellationToken) =>
        SignalAsync(request.InstanceId, Event(resumed: new ExecutionResumedEvent { Input = request.Reason }), i => i.IsTerminal || i.Status == OrchestrationStatus.Running, cancellationToken);

    // Terminate, suspend and resume answer once the change is committed (docs/dapr-workflow.md W.2.6).
    /// <summary>Queues a signal without waiting for its effect, as daprd's HTTP API does; false for an unknown instance (docs/dapr-workflow.md W.6.2).</summary>
    internal async Task<bool> SignalAsync(string id, HistoryEvent e, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(id, e, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WorkflowInstance?> SignalAsync(string id, HistoryEvent e, Func<WorkflowInstance, bool> done, CancellationToken cancellationToken)
    {
        return await SignalAsync(id, e, cancellationToken).ConfigureAwait(false) ? await WaitUntilAsync(id, done, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Removes a terminal instance and, recursively, its children, from memory and the store; returns how many (docs/dapr-workflow.md W.2.6).</summary>
    public async Task<int> PurgeAsync(string id, bool recursive, CancellationToken cancellationToken)
    {
        await Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_instances.TryGetValue(id, out var instance)) throw new KeyNotFoundException($"no such instance exists: {id}");
        List<string> children;
        lock (instance)
        {
            if (!instance.IsTerminal) throw new InvalidOperationException($"workflow instance '{id}' has not yet completed");
            children = instance.History.Where(e => e.ChildWorkflowInstanceCreated is not null).Select(e => e.ChildWorkflowInstanceCreated.InstanceId).ToList();
        }
        var count = 0;
        if (recursive)
            foreach (var child in children.Where(_instances.ContainsKey))
                count += await PurgeAsync(child, true, cancellationToken).ConfigureAwait(false);
        if (_store is not null) await _store.DeleteAsync(id, instance.StoreMetadata, cancellationToken).ConfigureAwait(false);
        _instances.TryRemove(id, out _);
        return count + 1;
    }

    /// <summary>An effect that fires the timer at its time, or at once when that passed while the emulator was down.</summary>
    private Action ArmTimer(WorkflowInstance instance, int timerId, Timestamp fireAt) => () =>
    {
        _ = FireAsync();

        async Task FireAsync()
        {
            await DelayUntilAsync(fireAt.ToDateTimeOffset()).ConfigureAwait(false);
            // A purged instance, or a new run under the same id, does not get this run's timer.
            if (_instances.GetValueOrDefault(instance.Id) != instance) return;
            await DeliverAsync(instance.Id, Event(fired: new TimerFiredEvent { TimerId = timerId, FireAt = fireAt }), CancellationToken.None).ConfigureAwait(false);
        }
    };

    /// <summary>Dispatches the instance's next turn unless one is in flight (docs/dapr-workflow.md W.3.2, W.3.4).</summary>
    private void TryDispatchTurn(WorkflowInstance instance)
    {
        WorkItem item;
        lock (instance)
        {
            if (instance.TurnInFlight is not null || instance.Inbox.Count == 0 || instance.IsTerminal) return;
            var newEvents = new List<HistoryEvent> { new() { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()), WorkflowStarted = new() } };
            newEvents.AddRange(instance.Inbox);
            instance.Inbox.Clear();
            var token = Guid.NewGuid().ToString();
            instance.TurnInFlight = (token, newEvents);
            var request = new WorkflowRequest { InstanceId = instance.Id, ExecutionId = instance.ExecutionId.Length > 0 ? instance.ExecutionId : newEvents.First(e => e.ExecutionStarted is not null).ExecutionStarted.WorkflowInstance.ExecutionId };
            request.PastEvents.AddRange(instance.History);
            request.NewEvents.AddRange(newEvents);
            item = new WorkItem { CompletionToken = token, WorkflowRequest = request };
        }
        _work.Writer.TryWrite(item);
    }

    internal HistoryEvent Event(ExecutionStartedEvent? started = null, EventRaisedEvent? raised = null, TaskCompletedEvent? completed = null, TaskFailedEvent? failed = null, TimerFiredEvent? fired = null,
        ExecutionTerminatedEvent? terminated = null, ExecutionSuspendedEvent? suspended = null, ExecutionResumedEvent? resumed = null)
    {
        var e = new HistoryEvent { EventId = -1, Timestamp = Timestamp.FromDateTimeOffset(time.GetUtcNow()) };
        if (started is not null) e.ExecutionStarted = started;
        if (raised is not null) e.EventRaised = raised;
        if (completed is not null) e.TaskCompleted = completed;
        if (failed is not null) e.TaskFailed = failed;
        if (fired is not null) e.TimerFired = fired;
        if (terminated is not null) e.ExecutionTerminated = terminated;
        if (suspended is not null) e.ExecutionSuspended = suspended;
        if (resumed is not null) e.ExecutionResumed = resumed;
        return e;
    }
}
