using System.Collections.Concurrent;
using System.Globalization;
using Dapr.Client;
using Dapr.Workflow;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The emulator process killed outright (SIGKILL: nothing flushed, nothing acknowledged on the way out) while
/// events wait for a consumer that keeps failing and a workflow waits on a durable timer, then started again on
/// the same Redis: everything is in the servers, not in the dead process's memory. Contracts: Redis Streams
/// pending entries are reclaimed after processingTimeout (components-contrib pubsub/redis/redis.go,
/// reclaimPendingMessages); workflow history and timers live in the actor state store (dapr
/// pkg/runtime/wfengine/state/state.go).
/// </summary>
public sealed class EmulatorCrashTests : IDisposable
{
    private const int Events = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TestResources _resources = new();
    private readonly EventRecorder _recorder = new();
    private readonly ConcurrentDictionary<string, int> _handled = new();
    private volatile bool _accepting;

    // IDisposable, not IAsyncDisposable: xUnit 2 disposes a test class only through IDisposable or IAsyncLifetime,
    // and a class with DisposeAsync alone left its Redis server running after every run.
    public void Dispose()
    {
        _recorder.Dispose();
        _resources.Dispose();
    }

    [Fact]
    public async Task Killed_with_events_undelivered_and_a_workflow_on_a_timer_the_next_emulator_delivers_every_event_and_finishes_the_workflow_once()
    {
        var appPort = LoopbackPort.Free();
        await using var app = await RawApp.StartAsync(appPort, _recorder, "ledger", web =>
        {
            web.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubname = "pubsub", topic = "payouts", route = "/payouts" } }));
            web.MapPost("/payouts", async (HttpRequest request) =>
            {
                if (!_accepting) return Results.StatusCode(500);
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                _handled.AddOrUpdate(PayoutIdIn(body), 1, (_, seen) => seen + 1);
                return Results.Ok();
            });
        });

        var (first, firstGrpc, firstHttp) = await StartEmulatorAsync(appPort);
        var workflows = await WorkflowApp.StartAsync(firstGrpc);
        var instance = await workflows.Client.ScheduleNewWorkflowAsync(nameof(PausingWorkflow), input: "timer");
        await workflows.FirstStepRecordedAsync(instance, Deadline);
        using (var dapr = new DaprClientBuilder().UseHttpEndpoint(firstHttp.ToString()).UseGrpcEndpoint(firstGrpc.ToString()).Build())
        {
            for (var i = 1; i <= Events; i++) await dapr.PublishEventAsync("pubsub", "payouts", new { payoutId = $"payout-{i}" });
        }
        await _recorder.WaitUntilAsync(r => r.At("/payouts").Count >= Events, Deadline);

        await first.KillAsync();
        await workflows.DisposeAsync();
        first.Dispose();
        _accepting = true;
        var (second, secondGrpc, _) = await StartEmulatorAsync(appPort);
        using var _ = second;
        workflows = await WorkflowApp.StartAsync(secondGrpc);
        await using var __ = workflows;

        using var redis = await ConnectionMultiplexer.ConnectAsync(_resources.Redis.Address);
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(_handled.Count == Events), Deadline, "every payout handled after the restart");
        }
        catch (TimeoutException timedOut)
        {
            // What Redis still holds, and what the restarted emulator said, are what tell why.
            var pending = await redis.GetDatabase().StreamPendingMessagesAsync("payouts", "ledger", Events, RedisValue.Null);
            throw new TimeoutException(
                $"{timedOut.Message}: handled {string.Join(", ", _handled.Keys)}; pending in Redis " +
                $"{string.Join(", ", pending.Select(p => $"{p.MessageId} ({p.ConsumerName}, idle {p.IdleTimeInMilliseconds} ms, delivered {p.DeliveryCount}×)"))}; " +
                $"the restarted emulator's output:\n{string.Join('\n', second.Lines)}", timedOut);
        }
        await Eventually.TrueAsync(async () => (await redis.GetDatabase().StreamPendingAsync("payouts", "ledger")).PendingMessageCount == 0,
            Deadline, "every payout acknowledged in Redis");
        using var timeout = new CancellationTokenSource(Deadline);
        var state = await workflows.Client.WaitForWorkflowCompletionAsync(instance, cancellation: timeout.Token);
        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(1, CountedActivity.Runs[instance + ":1"]);
        Assert.Equal(1, CountedActivity.Runs[instance + ":2"]);
        Assert.Equal(Enumerable.Range(1, Events).Select(i => $"payout-{i}").Order(), _handled.Keys.Order());
    }

    /// <summary>A sidecar for the app, in an emulator process of its own, on fresh ports (a killed process's sockets may linger).</summary>
    private async Task<(EmulatorProcess Emulator, Uri Grpc, Uri Http)> StartEmulatorAsync(int appPort)
    {
        var (http, grpc) = (LoopbackPort.Free(), LoopbackPort.Free());
        var emulator = EmulatorProcess.Start("run", "--app-id", "ledger", "--app-port", Text(appPort), "--dapr-http-port", Text(http),
            "--dapr-grpc-port", Text(grpc), "--resources-path", _resources.Folder, "--", "sleep", "600");
        await emulator.WaitForLineAsync("1 of 1 sidecars running");
        return (emulator, new Uri($"http://127.0.0.1:{grpc}"), new Uri($"http://127.0.0.1:{http}"));
    }

    private static string PayoutIdIn(string cloudEvent) =>
        System.Text.Json.JsonDocument.Parse(cloudEvent).RootElement.GetProperty("data").GetProperty("payoutId").GetString()!;

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
