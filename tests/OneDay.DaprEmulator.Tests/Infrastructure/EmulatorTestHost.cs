using OneDay.Testing;
using System.Net;
using System.Net.Sockets;
using Dapr.Actors.Client;
using Dapr.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests.Infrastructure;

/// <summary>An emulator cluster plus test apps beside their sidecars, fresh for each test.</summary>
public sealed class EmulatorTestHost : IAsyncDisposable
{
    private readonly List<RunningApp> _apps = [];
    private readonly List<DaprClient> _clients = [];
    private readonly List<RawApp> _rawApps = [];

    public TestResources Resources { get; } = new();

    public EmulatorCluster Cluster { get; private set; } = NewCluster();

    // ONEDAY_EMULATOR_LOG=1 shows what the sidecars do while a test runs.
    private static EmulatorCluster NewCluster() => new(Environment.GetEnvironmentVariable("ONEDAY_EMULATOR_LOG") == "1"
        ? LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance);

    /// <summary>
    /// Stops the whole emulator and starts a new one on the same resources (and so the same Redis), as a
    /// developer restarting it would; the apps keep running. Returns the new cluster.
    /// </summary>
    public async Task<EmulatorCluster> RestartEmulatorAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = NewCluster();
        return Cluster;
    }

    /// <summary>Starts a sidecar for an app that is already listening on <paramref name="appPort"/>.</summary>
    public async Task<Sidecar> StartSidecarForAsync(string appId, int appPort)
    {
        var sidecar = await Cluster.StartSidecarAsync(Options(appId, appPort, null, null));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(20));
        return sidecar;
    }

    public EventRecorder Recorder { get; } = new();

    /// <summary>Starts a sidecar and the conformance app beside it, and waits until the sidecar is ready.</summary>
    public async Task<RunningApp> StartAppAsync(string appId, string? daprApiToken = null, string? appApiToken = null, string? instance = null)
    {
        var port = LoopbackPort.Free();
        var sidecar = await Cluster.StartSidecarAsync(Options(appId, port, daprApiToken, appApiToken));
        var app = await ConformanceApp.StartAsync(instance ?? appId, port, sidecar.HttpEndpoint, sidecar.GrpcEndpoint, Recorder, daprApiToken);
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(20));
        var running = new RunningApp(appId, port, sidecar, app, daprApiToken);
        _apps.Add(running);
        return running;
    }

    /// <summary>Starts a hand-written app with the given routes, then its sidecar, and waits until the sidecar is ready.</summary>
    public async Task<Sidecar> StartRawAppAsync(string appId, Action<WebApplication> mapRoutes)
    {
        var port = LoopbackPort.Free();
        _rawApps.Add(await RawApp.StartAsync(port, Recorder, appId, mapRoutes));
        var sidecar = await Cluster.StartSidecarAsync(Options(appId, port, null, null));
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(20));
        return sidecar;
    }

    /// <summary>
    /// A sidecar for an app that serves gRPC on <paramref name="appPort"/> (`--app-protocol grpc`), probing its health
    /// every <paramref name="healthProbeInterval"/> when one is given.
    /// </summary>
    public async Task<Sidecar> StartSidecarForGrpcAppAsync(string appId, int appPort, TimeSpan? healthProbeInterval = null)
    {
        var options = Options(appId, appPort, null, null) with { AppProtocol = "grpc" };
        if (healthProbeInterval is { } interval) options = options with { EnableAppHealthCheck = true, AppHealthProbeInterval = interval };
        var sidecar = await Cluster.StartSidecarAsync(options);
        await sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(20));
        return sidecar;
    }

    /// <summary>A sidecar with no app, like `dapr run --app-id x` without --app-port.</summary>
    public Task<Sidecar> StartSidecarOnlyAsync(string appId, string? daprApiToken = null, int maxBodySize = SidecarOptions.DefaultMaxBodySize) =>
        Cluster.StartSidecarAsync(Options(appId, 0, daprApiToken, null) with { MaxBodySize = maxBodySize });

    /// <summary>Stops the app (not its sidecar) and starts it again on the same port.</summary>
    public async Task RestartAppAsync(RunningApp running, Func<Task>? whileDown = null)
    {
        await running.App.DisposeAsync();
        if (whileDown is not null) await whileDown();
        running.App = await ConformanceApp.StartAsync(running.AppId, running.Port, running.Sidecar.HttpEndpoint, running.Sidecar.GrpcEndpoint, Recorder, running.DaprApiToken);
    }

    public DaprClient Client(Sidecar sidecar, string? daprApiToken = null)
    {
        var builder = new DaprClientBuilder().UseHttpEndpoint(sidecar.HttpEndpoint.ToString()).UseGrpcEndpoint(sidecar.GrpcEndpoint.ToString());
        if (daprApiToken is not null) builder.UseDaprApiToken(daprApiToken);
        var client = builder.Build();
        _clients.Add(client);
        return client;
    }

    public static ActorProxyOptions ActorOptions(Sidecar sidecar) => new() { HttpEndpoint = sidecar.HttpEndpoint.ToString() };

    private SidecarOptions Options(string appId, int appPort, string? daprApiToken, string? appApiToken) => new()
    {
        AppId = appId,
        AppPort = appPort,
        ResourcesPaths = [Resources.Folder],
        ConfigFile = Resources.ConfigFile,
        WorkingDirectory = Resources.Folder,
        DaprApiToken = daprApiToken,
        AppApiToken = appApiToken,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var app in _apps) await app.App.DisposeAsync();
        foreach (var app in _rawApps) await app.DisposeAsync();
        await Cluster.DisposeAsync();
        Resources.Dispose();
        Recorder.Dispose();
    }
}

public sealed class RunningApp(string appId, int port, Sidecar sidecar, ConformanceApp app, string? daprApiToken)
{
    public string AppId { get; } = appId;
    public int Port { get; } = port;
    public Sidecar Sidecar { get; } = sidecar;
    public ConformanceApp App { get; set; } = app;
    public string? DaprApiToken { get; } = daprApiToken;
}
