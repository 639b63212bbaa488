using System.Globalization;
using System.Net;
using Dapr.Actors;
using Dapr.Actors.Client;
using Dapr.Client;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Sidecars of two emulator processes on one Redis find each other, as daprd's sidecars do through name resolution
/// and placement (docs/dapr-invocation-and-actors-fidelity.md §4): an app behind one process is invoked, and an actor
/// its app hosts is called, through the other process's sidecar; a process that stops cleanly takes its entry away.
/// </summary>
public sealed class SeparateProcessesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TestResources _resources = new();
    private readonly EventRecorder _recorder = new();

    // IDisposable, not IAsyncDisposable: xUnit 2 disposes a test class only through IDisposable or IAsyncLifetime,
    // and a class with DisposeAsync alone left its Redis server running after every run.
    public void Dispose()
    {
        _recorder.Dispose();
        _resources.Dispose();
    }

    [Fact]
    public async Task D4_an_app_and_an_actor_behind_one_emulator_process_are_reached_through_another_process_sidecar()
    {
        var appPort = LoopbackPort.Free();
        var (ordersHttp, ordersGrpc) = (LoopbackPort.Free(), LoopbackPort.Free());
        var callerHttp = LoopbackPort.Free();
        using var orders = EmulatorProcess.Start("run", "--app-id", "orders", "--app-port", Text(appPort), "--dapr-http-port", Text(ordersHttp),
            "--dapr-grpc-port", Text(ordersGrpc), "--resources-path", _resources.Folder, "--", "sleep", "600");
        using var caller = EmulatorProcess.Start("run", "--app-id", "caller", "--dapr-http-port", Text(callerHttp),
            "--dapr-grpc-port", Text(LoopbackPort.Free()), "--resources-path", _resources.Folder);
        await orders.WaitForLineAsync("1 of 1 sidecars running");
        await using var app = await ConformanceApp.StartAsync("orders", appPort, Endpoint(ordersHttp), Endpoint(ordersGrpc), _recorder, null);
        await caller.WaitForLineAsync("1 of 1 sidecars running");
        using var redis = await ConnectionMultiplexer.ConnectAsync(_resources.Redis.Address);
        await Eventually.TrueAsync(() => Task.FromResult(EntryKeys(redis, "orders").Count == 1), Deadline, "the orders sidecar's entry in the directory",
            TimeSpan.FromMilliseconds(200));

        using var client = new DaprClientBuilder().UseHttpEndpoint(Endpoint(callerHttp).ToString()).Build();
        using var invoked = await client.CreateInvokableHttpClient("orders").GetAsync(new Uri("/echo/across", UriKind.Relative));
        var counter = ActorProxy.Create<ICounterActor>(new ActorId("across"), nameof(CounterActor), new ActorProxyOptions { HttpEndpoint = Endpoint(callerHttp).ToString() });
        await counter.IncrementAsync(2);
        var throughCaller = await counter.IncrementAsync(3);
        var throughOwnSidecar = await ActorProxy.Create<ICounterActor>(new ActorId("across"), nameof(CounterActor),
            new ActorProxyOptions { HttpEndpoint = Endpoint(ordersHttp).ToString() }).GetAsync();

        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        var received = Assert.Single(_recorder.At("/echo/across"));
        Assert.Equal("caller", received.Headers["dapr-caller-app-id"]);
        Assert.Equal("orders", received.Headers["dapr-callee-app-id"]);
        Assert.Equal(5, throughCaller);
        Assert.Equal(5, throughOwnSidecar);

        Assert.Equal(0, await orders.InterruptAsync());
        Assert.Empty(EntryKeys(redis, "orders"));
        using var gone = await client.CreateInvokableHttpClient("orders").GetAsync(new Uri("/echo/after", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, gone.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<RedisKey> EntryKeys(ConnectionMultiplexer redis, string appId) =>
        redis.GetServers()[0].Keys(pattern: $"dapr-emulator||sidecar||{appId}||*").ToList();

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
