using Dapr.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneDay.Testing;

namespace OneDay.Benchmarks;

/// <summary>
/// Dapr Workflow on the emulator, through the unchanged Dapr.Workflow SDK with the state in Redis: the
/// shapes Dapr's own performance suite uses, a chain of five activities and a fan-out to five, started by
/// clients at once, each waiting for its workflow to complete. The floor is a workflow of one activity,
/// what any workflow pays. The aim is ≥ 100 workflows/s completed on 2 cores, so the emulator never
/// becomes what slows the system's tests.
/// </summary>
public static class WorkflowsScenario
{
    public static async Task<ScenarioReport> RunAsync(BenchmarkContext context)
    {
        var (settings, cancellationToken) = (context.Settings, context.CancellationToken);
        await using var dapr = new DaprTestEnvironment();
        var sidecar = await dapr.Cluster.StartSidecarAsync(dapr.SidecarOptions("bench-workflows", 0));
        using var app = await StartWorkerAsync(sidecar.GrpcEndpoint, cancellationToken);
        var client = app.Services.GetRequiredService<DaprWorkflowClient>();
        var clients = settings.WorkflowClients;

        async Task<bool> RunAsync(string workflow)
        {
            var id = await client.ScheduleNewWorkflowAsync(workflow, input: 5);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var state = await client.WaitForWorkflowCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
            return state.RuntimeStatus == WorkflowRuntimeStatus.Completed;
        }

        var floor = await LoadRun.MeasureAsync("one activity", clients, settings.Duration, settings.WarmUp, _ => RunAsync(nameof(SingleStepWorkflow)), cancellationToken);
        var chain = await LoadRun.MeasureAsync("chain of 5 activities", clients, settings.Duration, settings.WarmUp, _ => RunAsync(nameof(ChainWorkflow)), cancellationToken);
        var fanOut = await LoadRun.MeasureAsync("fan-out to 5 activities", clients, settings.Duration, settings.WarmUp, _ => RunAsync(nameof(FanOutWorkflow)), cancellationToken);
        var budget = new RowBudget("≥ 100 workflows/s", r => r.Throughput >= 100);
        return new ScenarioReport("workflows", $"Dapr Workflow on the emulator, {clients} concurrent clients",
            $"Each client starts a workflow and waits for it to complete, again and again; latency is start to completion. " +
            "Activities do no work, so the figures are the engine's: turns over the TaskHubSidecarService stream, history saved " +
            "to Redis before work is dispatched. The floor is a workflow of one activity.",
            [
                new ReportRow(floor, RowRole.Floor),
                new ReportRow(chain, RowRole.Measured, budget),
                new ReportRow(fanOut, RowRole.Measured, budget),
            ],
            [],
            []);
    }

    private static async Task<IHost> StartWorkerAsync(Uri sidecarGrpc, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecarGrpc.ToString();
        builder.Services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<SingleStepWorkflow>();
            options.RegisterWorkflow<ChainWorkflow>();
            options.RegisterWorkflow<FanOutWorkflow>();
            options.RegisterActivity<EchoActivity>();
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private sealed class EchoActivity : WorkflowActivity<int, int>
    {
        public override Task<int> RunAsync(WorkflowActivityContext context, int input) => Task.FromResult(input);
    }

    private sealed class SingleStepWorkflow : Workflow<int, int>
    {
        public override Task<int> RunAsync(WorkflowContext context, int input) => context.CallActivityAsync<int>(nameof(EchoActivity), input);
    }

    private sealed class ChainWorkflow : Workflow<int, int>
    {
        public override async Task<int> RunAsync(WorkflowContext context, int steps)
        {
            var value = 0;
            for (var i = 0; i < steps; i++) value = await context.CallActivityAsync<int>(nameof(EchoActivity), value + 1);
            return value;
        }
    }

    private sealed class FanOutWorkflow : Workflow<int, int>
    {
        public override async Task<int> RunAsync(WorkflowContext context, int width) =>
            (await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<int>(nameof(EchoActivity), i)))).Sum();
    }
}
