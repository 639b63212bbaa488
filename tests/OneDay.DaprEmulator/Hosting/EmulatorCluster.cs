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
    private readonly ConcurrentDictionary<string, InMemoryBroker> _brokers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryStateStore> _stores = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<Sidecar> _sidecars = [];
    private int _roundRobin;

    public EmulatorCluster(ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        LoggerFactory = loggerFactory;
        Time = time ?? TimeProvider.System;
        Actors = new ActorPlacement(this);
    }

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

    internal InMemoryBroker Broker(ComponentResource resource, BrokerSettings settings) =>
        _brokers.GetOrAdd(resource.Type + "|" + resource.Name, _ =>
            new InMemoryBroker(resource.Name, settings, Deliveries, Time, LoggerFactory.CreateLogger("pubsub." + resource.Name)));

    internal InMemoryStateStore StateStore(ComponentResource resource) =>
        _stores.GetOrAdd(resource.Type + "|" + resource.Name, _ => new InMemoryStateStore(Time));

    public async ValueTask DisposeAsync()
    {
        foreach (var sidecar in Sidecars) await StopSidecarAsync(sidecar).ConfigureAwait(false);
        await Actors.DisposeAsync().ConfigureAwait(false);
        foreach (var broker in _brokers.Values) await broker.DisposeAsync().ConfigureAwait(false);
    }
}
