using Dapr.Workflow;
using Grpc.Core;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Dapr workflows through the real Dapr.Workflow 1.19.1 SDK against the emulator's TaskHubSidecarService.
/// One sidecar and one workflow app serve the whole class.
/// </summary>
public sealed class WorkflowTests(WorkflowTests.Fixture fixture) : IClassFixture<WorkflowTests.Fixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly WorkflowApp _app = fixture.App;

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly EmulatorTestHost _host = new();

        public WorkflowApp App { get; private set; } = null!;

        public Sidecar Sidecar { get; private set; } = null!;

        /// <summary>A plain client of the sidecar's HTTP port.</summary>
        public HttpClient Http { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sidecar = await _host.StartSidecarOnlyAsync("workflows");
            Http = new HttpClient { BaseAddress = Sidecar.HttpEndpoint };
            App = await WorkflowApp.StartAsync(Sidecar.GrpcEndpoint);
        }

        public async Task DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
            await _host.DisposeAsync();
        }
    }

    private async Task<WorkflowState> RunAsync(string workflow, object input)
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(workflow, input: input);
        using var timeout = new CancellationTokenSource(Deadline);
        return await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
    }

    // Contract: each action's event takes the action's id and each activity result comes back as
    // taskCompleted{taskScheduledId} (durabletask-go backend/runtimestate/applier.go).
    [Fact]
    public async Task Chained_activities_each_feed_the_next()
    {
        var state = await RunAsync(nameof(ChainWorkflow), "hi");

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("HI!!", state.ReadOutputAs<string>());
    }

    // Contract: results arrive in any order and are matched by taskScheduledId, not arrival (SDK WorkflowOrchestrationContext).
    [Fact]
    public async Task Fan_out_of_twenty_activities_gathers_every_result_in_order()
    {
        var state = await RunAsync(nameof(FanOutWorkflow), 20);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ITEM{i}!"), state.ReadOutputAs<string[]>());
    }

    // Contract: every turn starts with a workflowStarted at the real time, which drives CurrentUtcDateTime
    // (durabletask-go backend/orchestration.go; SDK WorkflowOrchestrationContext).
    [Fact]
    public async Task A_durable_timer_fires_and_time_moves_on_in_the_workflow()
    {
        var state = await RunAsync(nameof(TimerWorkflow), 300);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        var times = state.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(300), $"{times[0]:O} → {times[1]:O}");
    }

    // Contract: the indefinite wait's far-future timer is kept verbatim and never armed; raised events are
    // delivered in arrival order, the early one buffered by the SDK (SDK TimerOriginHelpers).
    [Fact]
    public async Task External_events_raised_before_and_during_the_wait_arrive_in_order()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), input: "x");
        await _app.Client.RaiseEventAsync(id, "approval", "first");
        await _app.Client.RaiseEventAsync(id, "approval", "second");
        using var timeout = new CancellationTokenSource(Deadline);
        var state = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["first", "second"], state.ReadOutputAs<string[]>()!);
    }

    // Contract: GetInstance for an unknown id answers exists=false (durabletask-go backend/executor.go).
    [Fact]
    public async Task An_unknown_instance_reads_as_not_existing()
    {
        var state = await _app.Client.GetWorkflowStateAsync("no-such-instance");

        Assert.False(state?.Exists ?? false);
    }

    // Contract: a child's COMPLETED reaches the parent as childWorkflowInstanceCompleted, anything else as
    // childWorkflowInstanceFailed with the failure details (durabletask-go backend/runtimestate/applier.go).
    [Fact]
    public async Task A_child_workflow_returns_its_result_to_the_parent()
    {
        var state = await RunAsync(nameof(ParentWorkflow), "chain");

        Assert.Equal("CHILD!!", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_failing_child_workflow_surfaces_as_a_task_failure_in_the_parent()
    {
        var state = await RunAsync(nameof(ParentWorkflow), "fail");

        Assert.Equal("child failed: child says boom", state.ReadOutputAs<string>());
    }

    // Contract: retries run in the SDK on durable timers; the sidecar only fires them (SDK RetryInterceptor).
    [Fact]
    public async Task An_activity_retry_policy_runs_until_an_attempt_succeeds()
    {
        var state = await RunAsync(nameof(RetryingWorkflow), "retry:2");

        Assert.Equal("run 3", state.ReadOutputAs<string>());
        Assert.Equal(3, FlakyActivity.Runs["retry:2"]);
    }

    // Contract: an activity failure comes back as taskFailed with its failure details (durabletask-go backend/executor.go).
    [Fact]
    public async Task An_activity_failing_every_attempt_is_caught_and_compensated()
    {
        var state = await RunAsync(nameof(RetryingWorkflow), "compensate:9");

        Assert.Equal("COMPENSATED SYSTEM.INVALIDOPERATIONEXCEPTION!", state.ReadOutputAs<string>());
        Assert.Equal(3, FlakyActivity.Runs["compensate:9"]);
    }

    // Contract: terminate is recursive and blocks until the instance is terminal (durabletask-go backend/orchestration.go).
    [Fact]
    public async Task Terminating_a_parent_terminates_its_waiting_child()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ParentWorkflow), input: "wait");
        using var timeout = new CancellationTokenSource(Deadline);
        await WaitForAsync(id + "-child", timeout.Token);

        await _app.Client.TerminateWorkflowAsync(id, cancellation: timeout.Token);

        var parent = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        var child = await _app.Client.WaitForWorkflowCompletionAsync(id + "-child", cancellation: timeout.Token);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal(WorkflowRuntimeStatus.Terminated, child.RuntimeStatus);
    }

    // Contract: status follows the latest suspend/resume event; events wait in the SDK while suspended (durabletask-go runtimestate.go).
    [Fact]
    public async Task A_suspended_workflow_resumes_and_then_receives_its_events()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), input: "x");
        using var timeout = new CancellationTokenSource(Deadline);
        await _app.Client.SuspendWorkflowAsync(id, "hold", timeout.Token);
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await _app.Client.GetWorkflowStateAsync(id, cancellation: timeout.Token))!.RuntimeStatus);
        await _app.Client.RaiseEventAsync(id, "approval", "a", timeout.Token);
        await _app.Client.RaiseEventAsync(id, "approval", "b", timeout.Token);
        Assert.Equal(WorkflowRuntimeStatus.Suspended, (await _app.Client.GetWorkflowStateAsync(id, cancellation: timeout.Token))!.RuntimeStatus);

        await _app.Client.ResumeWorkflowAsync(id, "go", timeout.Token);

        var state = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.Equal(["a", "b"], state.ReadOutputAs<string[]>()!);
    }

    // Contract: purge removes a terminal instance, after which it does not exist (durabletask-go backend/backend.go).
    [Fact]
    public async Task A_purged_instance_no_longer_exists()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), input: "gone");
        using var timeout = new CancellationTokenSource(Deadline);
        await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);

        Assert.True(await _app.Client.PurgeInstanceAsync(id, timeout.Token));

        Assert.False((await _app.Client.GetWorkflowStateAsync(id, cancellation: timeout.Token))?.Exists ?? false);
    }

    // Contract: continue-as-new starts a new run with the result as input and a fresh history (durabletask-go backend/orchestration.go).
    [Fact]
    public async Task Continue_as_new_runs_again_with_the_new_input()
    {
        var state = await RunAsync(nameof(CountingWorkflow), 1);

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(5, state.ReadOutputAs<int>());
    }

    // Contract: an event nobody waits for yet is buffered by the SDK until a wait of that name begins; the
    // sidecar only delivers events in arrival order (SDK WorkflowOrchestrationContext; docs/dapr-workflow.md W.4.6).
    [Fact]
    public async Task An_event_raised_before_its_wait_begins_is_buffered_until_then()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(OrderedEventsWorkflow), input: "x");
        using var timeout = new CancellationTokenSource(Deadline);
        await _app.Client.RaiseEventAsync(id, "second", "b", timeout.Token);
        await _app.Client.RaiseEventAsync(id, "first", "a", timeout.Token);

        var state = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);

        Assert.Equal(["a", "b"], state.ReadOutputAs<string[]>()!);
    }

    // Contract: a wait with a timeout emits a real timer (fireAt from the turn's workflowStarted); when it fires
    // first, the SDK fails the wait with TaskCanceledException (SDK WorkflowOrchestrationContext; docs/dapr-workflow.md W.4.2).
    [Fact]
    public async Task A_wait_with_a_timeout_that_passes_throws_TaskCanceledException()
    {
        var state = await RunAsync(nameof(DeadlineWorkflow), 300);

        Assert.Equal("timed out", state.ReadOutputAs<string>());
    }

    // Contract: an event beating the timeout resolves the wait; the timer that fires later is dropped with
    // the completed instance (docs/dapr-workflow.md W.2.6, W.4.2).
    [Fact]
    public async Task A_wait_with_a_timeout_gets_an_event_that_arrives_in_time()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(DeadlineWorkflow), input: 30_000);
        using var timeout = new CancellationTokenSource(Deadline);
        await _app.Client.RaiseEventAsync(id, "answer", "yes", timeout.Token);

        var state = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);

        Assert.Equal("yes", state.ReadOutputAs<string>());
    }

    // Contract: custom status is stored from every turn and read back by GetInstance with payloads
    // (durabletask-go backend/runtimestate/applier.go, backend/executor.go; docs/dapr-workflow.md W.2.4, W.3.7).
    [Fact]
    public async Task Custom_status_follows_the_workflow_from_turn_to_turn()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(StatusWorkflow), input: "x");
        using var timeout = new CancellationTokenSource(Deadline);

        var waiting = await _app.Client.GetWorkflowStateAsync(id, cancellation: timeout.Token);
        Assert.Equal("waiting", waiting!.ReadCustomStatusAs<string>());

        await _app.Client.RaiseEventAsync(id, "go", "now", timeout.Token);
        var done = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.Equal("approved", done.ReadCustomStatusAs<string>());
    }

    // Contract: a scheduled start returns at once, stays PENDING, and its first turn runs when due
    // (durabletask-go backend/executor.go StartInstance; dapr pkg/actors/targets/workflow/orchestrator/create.go).
    [Fact]
    public async Task A_workflow_scheduled_for_later_stays_pending_until_its_start_time()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        using var timeout = new CancellationTokenSource(Deadline);

        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ClockWorkflow), null, "x", startAt, timeout.Token);
        var pending = await _app.Client.GetWorkflowStateAsync(id, cancellation: timeout.Token);

        Assert.Equal(WorkflowRuntimeStatus.Pending, pending!.RuntimeStatus);
        var state = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.True(state.ReadOutputAs<DateTime>() >= startAt.UtcDateTime, $"started {state.ReadOutputAs<DateTime>():O}, due {startAt:O}");
    }

    // Contract: an instance id is refused while its instance is active and may be reused once it is terminal,
    // as a fresh run (dapr pkg/actors/targets/workflow/orchestrator/create.go createIfCompleted; docs/dapr-workflow.md W.2.3).
    [Fact]
    public async Task Starting_an_explicit_instance_id_twice_is_refused_while_it_runs_and_allowed_after()
    {
        var id = "twice-" + Guid.NewGuid().ToString("N");
        using var timeout = new CancellationTokenSource(Deadline);
        await _app.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), id, "x", null, timeout.Token);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _app.Client.ScheduleNewWorkflowAsync(nameof(ApprovalWorkflow), id, "x", null, timeout.Token));

        Assert.Contains($"an active workflow with ID '{id}' already exists", refused.Status.Detail, StringComparison.Ordinal);
        await _app.Client.RaiseEventAsync(id, "approval", "a", timeout.Token);
        await _app.Client.RaiseEventAsync(id, "approval", "b", timeout.Token);
        await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        await _app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), id, "again", null, timeout.Token);
        var rerun = await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        Assert.Equal(nameof(ChainWorkflow), rerun.WorkflowName);
        Assert.Equal("AGAIN!!", rerun.ReadOutputAs<string>());
    }

    // Contract: the worker runs up to 100 workflow items at once and the sidecar queues the rest; turns of one
    // instance never overlap (SDK GrpcProtocolHandler; docs/dapr-workflow.md W.3.4, W.5.1).
    [Fact]
    public async Task Two_hundred_workflows_started_at_once_all_complete()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), null, $"n{i}", null, timeout.Token)));

        var states = await Task.WhenAll(ids.Select(id => _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token)));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"N{i}!!"), states.Select(s => s.ReadOutputAs<string>()));
    }

    // Contract: daprd caps every gRPC message at --max-body-size, 4Mi by default, workflow calls included
    // (dapr pkg/api/grpc/server.go, pkg/runtime/config.go; docs/dapr-workflow.md W.1.3): a larger start is refused at once.
    [Fact]
    public async Task At_the_default_4MB_limit_a_larger_start_is_refused_with_resource_exhausted()
    {
        using var timeout = new CancellationTokenSource(Deadline);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            _app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), null, new string('x', 5 << 20), null, timeout.Token));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }

    // Contract: with --max-body-size raised (daprd's own test uses 10M), a 5 MB activity result and workflow
    // output pass both ways and the stream goes on (dapr tests/integration/suite/daprd/workflow/largeactivityresult.go).
    [Fact]
    public async Task With_a_raised_max_body_size_a_completion_larger_than_4MB_goes_through()
    {
        await using var host = new EmulatorTestHost();
        var sidecar = await host.StartSidecarOnlyAsync("large-workflows", maxBodySize: 16 << 20);
        await using var app = await WorkflowApp.StartAsync(sidecar.GrpcEndpoint);
        using var timeout = new CancellationTokenSource(Deadline);

        var id = await app.Client.ScheduleNewWorkflowAsync(nameof(LargeResultWorkflow), null, 5 << 20, null, timeout.Token);
        var state = await app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
        var next = await app.Client.WaitForWorkflowCompletionAsync(
            await app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), null, "after", null, timeout.Token), cancellation: timeout.Token);

        Assert.Equal(5 << 20, state.ReadOutputAs<string>()!.Length);
        Assert.Equal("AFTER!!", next.ReadOutputAs<string>());
    }

    private async Task WaitForAsync(string id, CancellationToken cancellationToken)
    {
        while ((await _app.Client.GetWorkflowStateAsync(id, cancellation: cancellationToken))?.RuntimeStatus != WorkflowRuntimeStatus.Running)
            await Task.Delay(20, cancellationToken);
    }
}
