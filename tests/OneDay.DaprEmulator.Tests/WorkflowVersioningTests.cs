using Dapr.DurableTask.Protobuf;
using Dapr.Workflow;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// A workflow changed behind a patch while instances are in flight (docs/dapr-workflow.md W.3.8): an instance
/// started by the old build replays the old path under the new one, and a new instance keeps the new path on
/// every later turn because the sidecar records the patch in its history.
/// </summary>
public sealed class WorkflowVersioningTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly EmulatorTestHost _host = new();
    private WorkflowApp _app = null!;
    private Sidecar _sidecar = null!;

    public async Task InitializeAsync() => _sidecar = await _host.StartSidecarOnlyAsync("shipping");

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
    }

    // Contract: IsPatched answers false while replaying a history that lacks the patch (SDK WorkflowVersionTracker.RequestPatch).
    [Fact]
    public async Task An_instance_started_by_the_old_build_finishes_on_its_old_path_after_the_new_build_takes_over()
    {
        _app = await WorkflowApp.StartAsync(_sidecar.GrpcEndpoint, ShippingDefinition.Original);
        var old = await StartOrderAsync();
        // Packed and committed: the history holds the turn that passed the point where the patch now stands.
        await Eventually.TrueAsync(async () => (await _app.Client.GetWorkflowStateAsync(old)).ReadCustomStatusAs<string>() == "waiting", Deadline, "the old build packed and waiting");

        await _app.DisposeAsync();
        _app = await WorkflowApp.StartAsync(_sidecar.GrpcEndpoint, ShippingDefinition.Patched);
        await _app.Client.RaiseEventAsync(old, "continue", "go");

        var state = await WaitForCompletionAsync(old);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal([old + ":pack done", old + ":ship done"], state.ReadOutputAs<string[]>()!);
        Assert.False(CountedActivity.Runs.ContainsKey(old + ":insure"));
    }

    // Contract: the turn's workflowStarted keeps the patches the worker reports, compacted to those the history
    // lacks (dtgo backend/orchestration.go applyResponse; daprd v1.17 orchestrator/versioning.go compactPatches).
    [Fact]
    public async Task A_new_instance_takes_the_new_path_on_every_turn_and_its_history_records_the_patch_once()
    {
        _app = await WorkflowApp.StartAsync(_sidecar.GrpcEndpoint, ShippingDefinition.Patched);
        var fresh = await StartOrderAsync();
        await Eventually.TrueAsync(() => Task.FromResult(CountedActivity.Runs.ContainsKey(fresh + ":insure")), Deadline, "the new build insured");

        // A new app process and a new emulator read the patch back from the store.
        await _app.DisposeAsync();
        await _host.RestartEmulatorAsync();
        _sidecar = await _host.StartSidecarOnlyAsync("shipping");
        _app = await WorkflowApp.StartAsync(_sidecar.GrpcEndpoint, ShippingDefinition.Patched);
        await _app.Client.RaiseEventAsync(fresh, "continue", "go");

        var state = await WaitForCompletionAsync(fresh);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal([fresh + ":pack done", fresh + ":insure done", fresh + ":ship done"], state.ReadOutputAs<string[]>()!);
        Assert.Equal(1, CountedActivity.Runs[fresh + ":insure"]);
        var recorded = (await HistoryAsync(fresh)).Where(e => e.WorkflowStarted?.Version is not null).SelectMany(e => e.WorkflowStarted.Version.Patches);
        Assert.Equal(["insure"], recorded);
    }

    /// <summary>Starts a shipping instance whose id is also its order, which names its steps.</summary>
    private Task<string> StartOrderAsync()
    {
        var order = "order-" + Guid.NewGuid().ToString("N");
        return _app.Client.ScheduleNewWorkflowAsync(ShippingWorkflow.Name, order, order);
    }

    /// <summary>The instance's history as the store holds it, one protobuf event per `history-NNNNNN` key (W.6.1).</summary>
    private async Task<List<HistoryEvent>> HistoryAsync(string id)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_host.Resources.Redis.Address);
        var prefix = $"shipping||dapr.internal.default.shipping.workflow||{id}||history-";
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: prefix + "*").Select(k => k.ToString()).Order(StringComparer.Ordinal);
        List<HistoryEvent> history = [];
        foreach (var key in keys) history.Add(HistoryEvent.Parser.ParseFrom((byte[])(await redis.GetDatabase().HashGetAsync(key, "data"))!));
        return history;
    }

    private async Task<Dapr.Workflow.WorkflowState> WaitForCompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        return await _app.Client.WaitForWorkflowCompletionAsync(id, cancellation: timeout.Token);
    }
}
