using Dapr.Workflow;

namespace OneDay.DaprEmulator.Tests.TestApp;

/// <summary>An app hosting Dapr workflows the way OneDay's services will: AddDaprWorkflow, no app port.</summary>
public sealed class WorkflowApp : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowApp(IHost host) => _host = host;

    public DaprWorkflowClient Client => _host.Services.GetRequiredService<DaprWorkflowClient>();

    /// <param name="shipping">Which definition of <see cref="ShippingWorkflow"/> this build of the app carries.</param>
    public static async Task<WorkflowApp> StartAsync(Uri sidecarGrpc, ShippingDefinition shipping = ShippingDefinition.Patched)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecarGrpc.ToString();
        builder.Services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<ChainWorkflow>();
            options.RegisterWorkflow<FanOutWorkflow>();
            options.RegisterWorkflow<TimerWorkflow>();
            options.RegisterWorkflow<ApprovalWorkflow>();
            options.RegisterWorkflow<ParentWorkflow>();
            options.RegisterWorkflow<ChildFailingWorkflow>();
            options.RegisterWorkflow<CountingWorkflow>();
            options.RegisterWorkflow<RetryingWorkflow>();
            options.RegisterWorkflow<PausingWorkflow>();
            options.RegisterActivity<CountedActivity>();
            options.RegisterWorkflow<TracedWorkflow>();
            options.RegisterActivity<TraceIdActivity>();
            options.RegisterWorkflow<OrderedEventsWorkflow>();
            options.RegisterWorkflow<DeadlineWorkflow>();
            options.RegisterWorkflow<StatusWorkflow>();
            options.RegisterWorkflow<ClockWorkflow>();
            options.RegisterWorkflow<LargeResultWorkflow>();
            options.RegisterActivity<ShoutActivity>();
            options.RegisterActivity<FlakyActivity>();
            options.RegisterActivity<LargeResultActivity>();
            if (shipping == ShippingDefinition.Original) options.RegisterWorkflow<OriginalShippingWorkflow>(ShippingWorkflow.Name);
            else options.RegisterWorkflow<ShippingWorkflow>(ShippingWorkflow.Name);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new WorkflowApp(host);
    }

    /// <summary>
    /// Until the sidecar has saved <see cref="PausingWorkflow"/>'s first activity as done (its custom status says so).
    /// An activity that ran but whose result never reached the sidecar runs again after a restart (at least once),
    /// so a test that stops things to prove "each activity once" waits for this, not for the activity to run.
    /// </summary>
    public Task FirstStepRecordedAsync(string instanceId, TimeSpan timeout) =>
        OneDay.Testing.Eventually.TrueAsync(
            async () => (await Client.GetWorkflowStateAsync(instanceId))?.ReadCustomStatusAs<string>() == PausingWorkflow.FirstStepRecorded,
            timeout, $"workflow {instanceId}'s first step recorded");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public sealed class ShoutActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) => Task.FromResult(input.ToUpperInvariant() + "!");
}

public sealed class ChainWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        var first = await context.CallActivityAsync<string>(nameof(ShoutActivity), input);
        return await context.CallActivityAsync<string>(nameof(ShoutActivity), first);
    }
}

public sealed class FanOutWorkflow : Workflow<int, string[]>
{
    public override Task<string[]> RunAsync(WorkflowContext context, int width) =>
        Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<string>(nameof(ShoutActivity), $"item{i}")));
}

public sealed class TimerWorkflow : Workflow<int, DateTime[]>
{
    public override async Task<DateTime[]> RunAsync(WorkflowContext context, int milliseconds)
    {
        var before = context.CurrentUtcDateTime;
        await context.CreateTimer(TimeSpan.FromMilliseconds(milliseconds));
        return [before, context.CurrentUtcDateTime];
    }
}

public sealed class ApprovalWorkflow : Workflow<string, string[]>
{
    public override async Task<string[]> RunAsync(WorkflowContext context, string input)
    {
        var first = await context.WaitForExternalEventAsync<string>("approval");
        var second = await context.WaitForExternalEventAsync<string>("approval");
        return [first, second];
    }
}

/// <summary>Fails while its input says so; counts its runs per input.</summary>
public sealed class FlakyActivity : WorkflowActivity<string, string>
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs = new();

    public override Task<string> RunAsync(WorkflowActivityContext context, string key)
    {
        var run = Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        var failures = int.Parse(key.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        return run <= failures ? throw new InvalidOperationException($"run {run} of {key} failed") : Task.FromResult($"run {run}");
    }
}

/// <summary>Retries FlakyActivity up to three attempts; compensates when it still fails.</summary>
public sealed class RetryingWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string key)
    {
        var retry = new WorkflowTaskOptions(new WorkflowRetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromMilliseconds(50)));
        try
        {
            return await context.CallActivityAsync<string>(nameof(FlakyActivity), key, retry);
        }
        catch (WorkflowTaskFailedException e)
        {
            return await context.CallActivityAsync<string>(nameof(ShoutActivity), "compensated " + e.FailureDetails.ErrorType);
        }
    }
}

/// <summary>Runs a child: a chain, a failing retry, or a long wait (mode "chain", "fail", "wait").</summary>
public sealed class ParentWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string mode)
    {
        try
        {
            return mode switch
            {
                "chain" => await context.CallChildWorkflowAsync<string>(nameof(ChainWorkflow), "child"),
                "wait" => string.Join(",", await context.CallChildWorkflowAsync<string[]>(nameof(ApprovalWorkflow), "x", new ChildWorkflowTaskOptions(context.InstanceId + "-child"))),
                _ => await context.CallChildWorkflowAsync<string>(nameof(ChildFailingWorkflow), "boom"),
            };
        }
        catch (WorkflowTaskFailedException e)
        {
            return "child failed: " + e.FailureDetails.ErrorMessage;
        }
    }
}

public sealed class ChildFailingWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) => throw new InvalidOperationException("child says " + input);
}

/// <summary>Counts to five by continuing as new, one activity per run.</summary>
public sealed class CountingWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowContext context, int count)
    {
        await context.CallActivityAsync<string>(nameof(ShoutActivity), $"run{count}");
        if (count >= 5) return count;
        context.ContinueAsNew(count + 1);
        return count;
    }
}

/// <summary>Counts its runs per input, so a test sees an activity run twice.</summary>
public sealed class CountedActivity : WorkflowActivity<string, string>
{
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs = new();

    public override Task<string> RunAsync(WorkflowActivityContext context, string step)
    {
        Runs.AddOrUpdate(step, 1, (_, n) => n + 1);
        return Task.FromResult(step + " done");
    }
}

/// <summary>
/// Two counted steps with a pause between them: an external event "continue" (mode "event") or a
/// durable timer of one second (mode "timer"), long enough to stop the app or the emulator in it.
/// </summary>
public sealed class PausingWorkflow : Workflow<string, string[]>
{
    /// <summary>The custom status once the first activity's result is in the history.</summary>
    public const string FirstStepRecorded = "first step recorded";

    public override async Task<string[]> RunAsync(WorkflowContext context, string mode)
    {
        var first = await context.CallActivityAsync<string>(nameof(CountedActivity), context.InstanceId + ":1");
        context.SetCustomStatus(FirstStepRecorded);
        if (mode == "timer") await context.CreateTimer(TimeSpan.FromSeconds(1));
        else await context.WaitForExternalEventAsync<string>("continue");
        var second = await context.CallActivityAsync<string>(nameof(CountedActivity), context.InstanceId + ":2");
        return [first, second];
    }
}
/// <summary>Waits for "first" then "second", so a "second" raised first waits in the SDK's buffer.</summary>
public sealed class OrderedEventsWorkflow : Workflow<string, string[]>
{
    public override async Task<string[]> RunAsync(WorkflowContext context, string input)
    {
        var first = await context.WaitForExternalEventAsync<string>("first");
        var second = await context.WaitForExternalEventAsync<string>("second");
        return [first, second];
    }
}

/// <summary>Waits for "answer" at most the given milliseconds.</summary>
public sealed class DeadlineWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int milliseconds)
    {
        try
        {
            return await context.WaitForExternalEventAsync<string>("answer", TimeSpan.FromMilliseconds(milliseconds));
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>Says "waiting" in its custom status until "go" arrives, then "approved".</summary>
public sealed class StatusWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        context.SetCustomStatus("waiting");
        await context.WaitForExternalEventAsync<string>("go");
        context.SetCustomStatus("approved");
        return "done";
    }
}

public sealed class ClockWorkflow : Workflow<string, DateTime>
{
    public override Task<DateTime> RunAsync(WorkflowContext context, string input) => Task.FromResult(context.CurrentUtcDateTime);
}

public sealed class LargeResultActivity : WorkflowActivity<int, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, int length) => Task.FromResult(new string('x', length));
}

/// <summary>Returns an activity's result of the given length: both completions carry it.</summary>
public sealed class LargeResultWorkflow : Workflow<int, string>
{
    public override Task<string> RunAsync(WorkflowContext context, int length) => context.CallActivityAsync<string>(nameof(LargeResultActivity), length);
}

/// <summary>Returns the trace id its activity runs under, as the app's telemetry would record it.</summary>
public sealed class TraceIdActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) =>
        Task.FromResult(System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? "none");
}

public sealed class TracedWorkflow : Workflow<string, string>
{
    public override Task<string> RunAsync(WorkflowContext context, string input) => context.CallActivityAsync<string>(nameof(TraceIdActivity), input);
}

/// <summary>The two builds of the shipping workflow: before and after it gained its insurance step.</summary>
public enum ShippingDefinition
{
    Original,
    Patched,
}

/// <summary>The first definition: pack, wait for "continue" (custom status "waiting"), ship.</summary>
public sealed class OriginalShippingWorkflow : Workflow<string, string[]>
{
    public override async Task<string[]> RunAsync(WorkflowContext context, string order)
    {
        var packed = await context.CallActivityAsync<string>(nameof(CountedActivity), order + ":pack");
        context.SetCustomStatus("waiting");
        await context.WaitForExternalEventAsync<string>("continue");
        return [packed, await context.CallActivityAsync<string>(nameof(CountedActivity), order + ":ship")];
    }
}

/// <summary>
/// The changed definition: an insurance step between packing and the wait, behind the patch "insure", so an
/// instance that packed under <see cref="OriginalShippingWorkflow"/> replays without it.
/// </summary>
public sealed class ShippingWorkflow : Workflow<string, string[]>
{
    public const string Name = "Shipping";

    public override async Task<string[]> RunAsync(WorkflowContext context, string order)
    {
        List<string> done = [await context.CallActivityAsync<string>(nameof(CountedActivity), order + ":pack")];
        if (context.IsPatched("insure")) done.Add(await context.CallActivityAsync<string>(nameof(CountedActivity), order + ":insure"));
        await context.WaitForExternalEventAsync<string>("continue");
        done.Add(await context.CallActivityAsync<string>(nameof(CountedActivity), order + ":ship"));
        return [.. done];
    }
}
