using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Actors;
using OneDay.DaprEmulator.Bindings;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// Everything the sidecars of one emulator share, standing in for what real sidecars share through the
/// network: name resolution (app id → sidecars), the actor placement and reminder service, and the
/// backing stores of brokers and state stores. Use it in-process from tests, or through the CLI.
/// </summary>
public sealed class EmulatorCluster : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IPubSubBroker> _brokers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IStateStore> _stores = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Sidecar> _sidecars = [];
    private int _roundRobin;

    public EmulatorCluster(ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        LoggerFactory = loggerFactory;
        Time = time ?? TimeProvider.System;
        Actors = new ActorPlacement(this);
        Directory = new SidecarDirectory(Redis, loggerFactory.CreateLogger("directory"));
    }

    /// <summary>Where this process's sidecars and those of other emulator processes on the same Redis find each other.</summary>
    public SidecarDirectory Directory { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider Time { get; }

    public DeliveryTracker Deliveries { get; } = new();

    public BindingLog BindingLog { get; } = new();

    public ActorPlacement Actors { get; }

    public IReadOnlyList<Sidecar> Sidecars
    {
        get { lock (_gate) return _sidecars.ToList(); }
    }

    /// <summary>Starts a sidecar; it connects to its app in the background, as daprd does.</summary>
    /// <summary>
    /// Starts a sidecar. A fixed port that is busy is tried again for a while: a port such as 50106 lies in
    /// the range the OS lends to outgoing connections, and one that just closed can keep it for up to a
    /// minute (FIN_WAIT_2, TIME_WAIT) — right after a test run, for instance.
    /// </summary>
    public async Task<Sidecar> StartSidecarAsync(SidecarOptions options, CancellationToken cancellationToken = default)
    {
        // Wall-clock patience, not Time: tests drive Time by hand.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var attempt = 0;
        while (true)
        {
            var sidecar = new Sidecar(options, this);
            try
            {
                await sidecar.StartAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate) _sidecars.Add(sidecar);
                return sidecar;
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && waited.Elapsed < BusyPortPatience)
            {
                await sidecar.DisposeAsync().ConfigureAwait(false);
                if (attempt++ % 20 == 0)
                {
                    LoggerFactory.CreateLogger<EmulatorCluster>().LogWarning("dapr sidecar {AppId}: {Error}; trying again for up to {Patience}", options.AppId, ex.Message, BusyPortPatience);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static readonly TimeSpan BusyPortPatience = TimeSpan.FromMinutes(2);

    public async Task StopSidecarAsync(Sidecar sidecar)
    {
        lock (_gate) _sidecars.Remove(sidecar);
        await sidecar.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Name resolution: one of the running sidecars of an app id (round robin across replicas).</summary>
    public Sidecar? Resolve(string appId)
    {
        lock (_gate)
        {
            var replicas = _sidecars.Where(s => s.AppId == appId).ToList();
            return replicas.Count == 0 ? null : replicas[_roundRobin++ % replicas.Count];
        }
    }

    /// <summary>Waits until every published message was delivered (or parked for broker redelivery).</summary>
    public Task WaitForIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Deliveries.WaitForIdleAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>Connections to the Redis servers that the sidecars' components use.</summary>
    public RedisConnections Redis { get; } = new();

    /// <summary>
    /// The broker behind a pub/sub component, chosen by its type. Sidecars loading a component of the same
    /// type and name share one, as daprd's sidecars share the server the component names.
    /// </summary>
    internal IPubSubBroker Broker(ComponentResource resource, IReadOnlyDictionary<string, string> metadata) =>
        _brokers.GetOrAdd(resource.Type + "|" + resource.Name, _ =>
        {
            var settings = BrokerSettings.FromMetadata(metadata);
            var logger = LoggerFactory.CreateLogger("pubsub." + resource.Name);
            return resource.Type switch
            {
                "pubsub.redis" => new RedisStreamsBroker(resource.Name, RedisEndpoint.FromMetadata(resource.Name, metadata), settings, Redis, Deliveries, logger),
                "pubsub.rabbitmq" => new RabbitMqBroker(resource.Name, RabbitMqSettings.FromMetadata(resource.Name, metadata), Deliveries, logger),
                "pubsub.in-memory" => new InMemoryBroker(resource.Name, settings, Deliveries, Time, logger),
                _ => throw new InvalidDataException($"component {resource.Name}: pub/sub type {resource.Type} is not emulated (pubsub.redis, pubsub.rabbitmq, pubsub.in-memory)"),
            };
        });

    /// <summary>The backend of a state store component, chosen by its type (shared like brokers).</summary>
    internal IStateStore StateStore(ComponentResource resource, IReadOnlyDictionary<string, string> metadata) =>
        _stores.GetOrAdd(resource.Type + "|" + resource.Name, _ => resource.Type switch
        {
            "state.redis" => new RedisStateStore(RedisEndpoint.FromMetadata(resource.Name, metadata), Redis, Time),
            "state.postgresql" => new PostgresStateStore(resource.Name, PostgresStateSettings.FromMetadata(resource.Name, resource.Version, metadata), Time, LoggerFactory.CreateLogger("state." + resource.Name)),
            "state.in-memory" => new InMemoryStateStore(Time),
            _ => throw new InvalidDataException($"component {resource.Name}: state store type {resource.Type} is not emulated (state.redis, state.postgresql v2, state.in-memory)"),
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in Sidecars) await StopSidecarAsync(sidecar).ConfigureAwait(false);
        await Actors.DisposeAsync().ConfigureAwait(false);
        foreach (var broker in _brokers.Values) await broker.DisposeAsync().ConfigureAwait(false);
        foreach (var store in _stores.Values.OfType<IAsyncDisposable>()) await store.DisposeAsync().ConfigureAwait(false);
        await Redis.DisposeAsync().ConfigureAwait(false);
        Directory.Peers.Dispose();
    }
}
