using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Actors;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.GrpcApi;
using OneDay.DaprEmulator.Workflows;
using OneDay.DaprEmulator.Http;
using OneDay.DaprEmulator.Invocation;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// One emulated daprd: the HTTP and gRPC APIs on their ports, the components it loaded, and the
/// connection to its app. On start it serves its APIs at once (so /v1.0/healthz/outbound answers, as
/// daprd's does before the app is up), then waits for the app's port, reads `/dapr/config` (actor types)
/// and `/dapr/subscribe` (subscriptions), and only then reports ready on /v1.0/healthz.
/// </summary>
public sealed class Sidecar : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _appReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, string> _extendedMetadata = new(StringComparer.Ordinal);
    private WebApplication? _web;
    private Task _appInitialisation = Task.CompletedTask;
    private Task _advertising = Task.CompletedTask;

    internal Sidecar(SidecarOptions options, EmulatorCluster cluster)
    {
        Options = options;
        Cluster = cluster;
        Logger = cluster.LoggerFactory.CreateLogger($"daprd.{options.AppId}");
        Resources = SidecarResources.Load(options.ResourcesPaths, options.ConfigFile, options.AppId, cluster.Time);
        Components = SidecarComponents.Initialise(Resources.Components, options, cluster, Logger);
        App = options.AppPort > 0 ? new AppChannel(options.AppChannelAddress, options.AppPort, options.AppApiToken) : null;
        AppCallback = App is not null && options.AppSpeaksGrpc ? new AppCallbackChannel(options.AppChannelAddress, options.AppPort, options.AppApiToken, options.MaxBodySize) : null;
        PubSub = new SidecarPubSub(this);
        State = new SidecarState(this);
        Invocation = new ServiceInvocation(this);
        ActorApi = new SidecarActors(this);
        Health = new AppHealthProbe(this);
        Workflows = new WorkflowEngine(cluster.Time, Logger);
    }

    public SidecarOptions Options { get; }
    public string AppId => Options.AppId;
    public EmulatorCluster Cluster { get; }
    public ILogger Logger { get; }
    public SidecarResources Resources { get; }
    public SidecarComponents Components { get; }
    public AppChannel? App { get; }

    /// <summary>The AppCallback service of an app that speaks gRPC (`--app-protocol grpc`); null for an HTTP app.</summary>
    public AppCallbackChannel? AppCallback { get; }
    public SidecarPubSub PubSub { get; }
    public SidecarState State { get; }
    public ServiceInvocation Invocation { get; }
    public SidecarActors ActorApi { get; }
    public AppHealthProbe Health { get; }
    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }

    /// <summary>What a sidecar of another emulator process shows to be let in (<see cref="SidecarDirectory"/>).</summary>
    public string PeerToken { get; } = SidecarDirectory.NewPeerToken();

    /// <summary>The app's workflow engine, served as `TaskHubSidecarService` on the gRPC port.</summary>
    public WorkflowEngine Workflows { get; }
    public Uri HttpEndpoint => new($"http://127.0.0.1:{HttpPort}");
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>Completes when the app answered `/dapr/config` and `/dapr/subscribe` (daprd's "ready").</summary>
    public Task AppReady => _appReady.Task;

    public bool IsReady => _appReady.Task.IsCompletedSuccessfully;

    public CancellationToken Stopping => _stopping.Token;

    public IReadOnlyDictionary<string, string> ExtendedMetadata
    {
        get { lock (_extendedMetadata) return new Dictionary<string, string>(_extendedMetadata); }
    }

    public void SetExtendedMetadata(string key, string value)
    {
        lock (_extendedMetadata) _extendedMetadata[key] = value;
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton(Workflows);
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<ApiTokenInterceptor>();
            // daprd caps both directions of every gRPC service, workflows included (docs/dapr-workflow.md W.1.3).
            o.MaxReceiveMessageSize = Options.MaxBodySize;
            o.MaxSendMessageSize = Options.MaxBodySize;
            // Calls to services the sidecar does not serve go on to GrpcProxy, as daprd's unknown-service handler.
            o.IgnoreUnknownServices = true;
        });
        builder.Services.AddRouting();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = Options.MaxBodySize;
            kestrel.Listen(IPAddress.Loopback, Options.HttpPort, o => o.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, Options.GrpcPort, o => o.Protocols = HttpProtocols.Http2);
        });
        var web = builder.Build();
        web.UseDaprHttpPipeline(this);
        web.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort == GrpcPort && context.GetEndpoint() is null) await GrpcProxy.ForwardAsync(context, this).ConfigureAwait(false);
            else await next(context).ConfigureAwait(false);
        });
        web.MapDaprHttpApi(this);
        web.MapPeerApi(this);
        web.MapGrpcService<DaprGrpcApi>();
        web.MapGrpcService<TaskHubService>();
        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Whatever ports it did bind are given back before the caller decides what to do.
            await web.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _web = web;

        var ports = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToList();
        HttpPort = ports[0];
        GrpcPort = ports[1];
        Logger.LogInformation("dapr sidecar {AppId}: HTTP {Http}, gRPC {Grpc}", AppId, HttpPort, GrpcPort);
        _appInitialisation = Task.Run(() => InitialiseAppAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task InitialiseAppAsync(CancellationToken stopping)
    {
        try
        {
            await WaitForComponentServersAsync(stopping).ConfigureAwait(false);
            // Workflow state lives in the actor state store, as in daprd (docs/dapr-workflow.md W.6.1).
            await Workflows.LoadAsync(Components.ActorStateStore is { } actorStore ? new WorkflowStateStore(actorStore.Store, AppId, Options.Namespace) : null, stopping).ConfigureAwait(false);
            if (App is not null)
            {
                var waited = 0;
                while (!await App.IsListeningAsync(stopping).ConfigureAwait(false))
                {
                    if (++waited % 100 == 0) Logger.LogInformation("waiting for app {AppId} on port {Port}", AppId, App.Port);
                    await Task.Delay(TimeSpan.FromMilliseconds(100), Cluster.Time, stopping).ConfigureAwait(false);
                }
                // Dapr.Actors hosts actors over HTTP only; a gRPC app hosts none here.
                if (AppCallback is null) await ActorApi.LoadAppConfigAsync(stopping).ConfigureAwait(false);
                await PubSub.DiscoverAndSubscribeAsync(stopping).ConfigureAwait(false);
            }
            _appReady.TrySetResult();
            _advertising = Cluster.Directory.AdvertiseAsync(this, stopping);
            Logger.LogInformation("dapr sidecar {AppId} is ready", AppId);
            if (App is not null && Options.EnableAppHealthCheck) await Health.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            _appReady.TrySetCanceled(stopping);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "dapr sidecar {AppId} failed to initialise its app", AppId);
            _appReady.TrySetException(ex);
        }
    }

    /// <summary>
    /// Not ready (healthz 500) until every broker and state store reaches its server, as daprd does not
    /// become ready before its components have initialised; tried again until the servers answer.
    /// </summary>
    private async Task WaitForComponentServersAsync(CancellationToken stopping)
    {
        var pings = Components.PubSubs.Values.Select(p => (p.Resource.Name, Ping: (Func<Task>)(() => p.Broker.PingAsync(stopping))))
            .Concat(Components.StateStores.Values.Select(s => (s.Resource.Name, Ping: (Func<Task>)(() => s.Store.PingAsync(stopping)))));
        foreach (var (name, ping) in pings)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ping().ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (ex is OneDay.DaprEmulator.PubSub.BrokerUnavailableException or OneDay.DaprEmulator.State.StateStoreUnavailableException)
                {
                    if (attempt % 10 == 0) Logger.LogWarning("dapr sidecar {AppId}: component {Component} cannot reach its server yet: {Error}", AppId, name, ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _appInitialisation.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the app was reached.
        }
        await _advertising.ConfigureAwait(false);
        PubSub.Unsubscribe();
        Cluster.Actors.Unregister(this);
        if (_web is not null)
        {
            await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _web.DisposeAsync().ConfigureAwait(false);
        }
        App?.Dispose();
        AppCallback?.Dispose();
        _stopping.Dispose();
    }
}
