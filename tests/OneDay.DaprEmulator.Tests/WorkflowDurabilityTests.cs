using System.Diagnostics;
using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using Grpc.Net.Client;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Workflow state kept in the actor state store on the real Redis (daprd's layout, docs/dapr-workflow.md
/// W.6.1): an app or an emulator stopped mid-workflow and started again carries on where it was, and no
/// activity that had answered runs again.
/// </summary>
public sealed class WorkflowDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly EmulatorTestHost _host = new();
    private WorkflowApp _app = null!;
    private Sidecar _sidecar = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await _host.StartSidecarOnlyAsync("bookings");
        await StartAppAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
    }

    // Contract: items in flight on a worker's stream that dies go to the next worker (durabletask-go backend/executor.go);
    // answered activities are in the history and are not asked for again.
    [Fact]
    public async Task An_app_stopped_while_its_workflow_waits_and_started_again_finishes_with_each_activity_run_once()
    {
        var id = await PausedWorkflowAsync("event");

        await _app.DisposeAsync();
        await StartAppAsync();
        await _app.Client.RaiseEventAsync(id, "continue", "go");

        var state = await AssertCompletesWithEachActivityRunOnceAsync(id);
        Assert.Equal([id + ":1 done", id + ":2 done"], state.ReadOutputAs<string[]>()!);
    }

    // Contract: history, inbox and timers live in the actor state store, so a new sidecar on the same store resumes
    // the instance (dapr pkg/runtime/wfengine/state/state.go; timers re-armed as daprd's reminders are).
    [Fact]
    public async Task The_emulator_stopped_during_a_durable_timer_and_started_on_the_same_redis_finishes_the_workflow()
    {
        var id = await PausedWorkflowAsync("timer");

        await _app.DisposeAsync();
        await RestartEmulatorAsync();
        await StartAppAsync();

        await AssertCompletesWithEachActivityRunOnceAsync(id);
    }

    [Fact]
    public async Task An_event_raised_while_the_emulator_was_away_waits_in_the_store_for_the_workflow()
    {
        var id = await PausedWorkflowAsync("event");
        await _app.DisposeAsync();
        await RestartEmulatorAsync();
        // Raised by a client of the sidecar's TaskHubSidecarService that runs no workflows itself.
        using (var channel = GrpcChannel.ForAddress(_sidecar.GrpcEndpoint))
        {
            var taskHub = new TaskHubSidecarService.TaskHubSidecarServiceClient(channel);
            await taskHub.RaiseEventAsync(new RaiseEventRequest { InstanceId = id, Name = "continue", Input = "\"go\"" });
            var instance = await taskHub.GetInstanceAsync(new GetInstanceRequest { InstanceId = id });
            Assert.Equal(OrchestrationStatus.Running, instance.WorkflowState.WorkflowStatus);
        }

        await RestartEmulatorAsync();
        await StartAppAsync();

        await AssertCompletesWithEachActivityRunOnceAsync(id);
    }

    // Contract: daprd's keys for the workflow actor (dapr pkg/runtime/wfengine/state/state.go), removed by purge.
    [Fact]
    public async Task An_operator_finds_the_history_in_redis_under_the_workflow_actor_until_it_is_purged()
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(ChainWorkflow), input: "kept");
        await WaitForCompletionAsync(id);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_host.Resources.Redis.Address);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var prefix = $"bookings||dapr.internal.default.bookings.workflow||{id}||";

        var keys = server.Keys(pattern: prefix + "*").Select(k => k.ToString()[prefix.Length..]).ToHashSet();
        Assert.Contains("metadata", keys);
        Assert.Contains("history-000000", keys);
        Assert.DoesNotContain("inbox-000000", keys);
        var historyKeys = keys.Count(k => k.StartsWith("history-", StringComparison.Ordinal));
        Assert.True(historyKeys >= 8, $"{historyKeys} history keys: started, two scheduled, two completed, completed and the turns' workflowStarted");

        Assert.True(await _app.Client.PurgeInstanceAsync(id));
        Assert.Empty(server.Keys(pattern: prefix + "*"));
    }

    // Contract: the start carries the caller's trace as parentTraceContext and each activity runs under it
    // (durabletask protos: CreateInstanceRequest / ActivityRequest.parentTraceContext; daprd passes it through).
    [Fact]
    public async Task An_activity_runs_in_the_trace_of_the_request_that_started_its_workflow()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("OneDay.Tests");
        string id;
        string traceId;
        using (var request = source.StartActivity("POST /jobs/{id}/applications", ActivityKind.Server)!)
        {
            traceId = request.TraceId.ToHexString();
            id = await _app.Client.ScheduleNewWorkflowAsync(nameof(TracedWorkflow), input: "x");
        }

        var state = await WaitForCompletionAsync(id);

        Assert.Equal(traceId, state.ReadOutputAs<string>());
    }

    /// <summary>A <see cref="PausingWorkflow"/> past its first step, waiting for its timer or its event.</summary>
    private async Task<string> PausedWorkflowAsync(string input)
    {
        var id = await _app.Client.ScheduleNewWorkflowAsync(nameof(PausingWorkflow), input: input);
        await _app.FirstStepRecordedAsync(id, Deadline);
        return id;
    }

    /// <summary>The emulator stopped and started again on the same Redis, with a new sidecar for the app.</summary>
    private async Task RestartEmulatorAsync()
    {
        await _host.RestartEmulatorAsync();
        _sidecar = await _host.StartSidecarOnlyAsync("bookings");
    }

    /// <summary>Waits for the workflow to complete and asserts that it did, no activity having run twice.</summary>
    private async Task<Dapr.Workflow.WorkflowState> AssertCompletesWithEachActivityRunOnceAsync(string id)
    {
        var state = await WaitForCompletionAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(1, CountedActivity.Runs[id + ":1"]);
        Assert.Equal(1, CountedActivity.Runs[id + ":2"]);
        return state;
    }

    private async Task StartAppAsync() => _app = await WorkflowApp.StartAsync(_sidecar.GrpcEndpoint);

    private async Task<Dapr.Workflow.WorkflowState> WaitForCompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
    }
}
