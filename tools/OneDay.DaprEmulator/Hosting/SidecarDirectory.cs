using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>A sidecar as the other emulator processes find it in the directory.</summary>
public sealed record PeerSidecar(string AppId, string Namespace, string Address, int HttpPort, string PeerToken, IReadOnlyList<string> ActorTypes, string Process);

/// <summary>
/// Where the sidecars of separate emulator processes find each other, standing in for daprd's name resolution
/// (an app id → a sidecar to call) and placement (an actor type → the sidecars whose apps host it)
/// (docs/dapr-invocation-and-actors-fidelity.md §4). Each ready sidecar keeps an entry in the Redis its components
/// use, `dapr-emulator||sidecar||{appId}||{process}`, with a time to live it refreshes while it runs and that it
/// deletes when it stops cleanly; a killed process's entries expire. Calls between processes go to the other
/// sidecar's HTTP port with the token from its entry (<see cref="PeerHeader"/>), which stands in for the mTLS of
/// daprd's internal gRPC port.
/// </summary>
public sealed class SidecarDirectory(RedisConnections redis, ILogger logger)
{
    public const string PeerHeader = "dapr-emulator-peer-token";
    private const string KeyPrefix = "dapr-emulator||sidecar||";
    private static readonly TimeSpan EntryTimeToLive = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    /// <summary>This emulator process: its own entries are never peers, its sidecars are found in memory.</summary>
    public string Process { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The client for calls to other processes' sidecars (connections short-lived: a peer may go away).</summary>
    public HttpClient Peers { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public static string NewPeerToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Keeps the sidecar's entry fresh until <paramref name="stopping"/>, then removes it.</summary>
    public async Task AdvertiseAsync(Sidecar sidecar, CancellationToken stopping)
    {
        if (sidecar.Components.DirectoryRedis is not { } endpoint) return;
        var key = KeyPrefix + sidecar.AppId + "||" + Process;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var entry = new PeerSidecar(sidecar.AppId, sidecar.Options.Namespace, "127.0.0.1", sidecar.HttpPort, sidecar.PeerToken,
                    sidecar.Cluster.Actors.HostedTypes(sidecar), Process);
                try
                {
                    var db = await redis.DatabaseAsync(endpoint).ConfigureAwait(false);
                    await db.StringSetAsync(key, JsonSerializer.Serialize(entry), EntryTimeToLive).ConfigureAwait(false);
                }
                catch (RedisException ex)
                {
                    logger.LogWarning("sidecar directory: cannot advertise {AppId}: {Error}", sidecar.AppId, ex.Message);
                }
                await Task.Delay(RefreshInterval, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the entry goes below.
        }
        try
        {
            await (await redis.DatabaseAsync(endpoint).ConfigureAwait(false)).KeyDeleteAsync(key).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            logger.LogWarning("sidecar directory: cannot remove {AppId}, it expires by itself: {Error}", sidecar.AppId, ex.Message);
        }
    }

    /// <summary>A sidecar of another process serving <paramref name="appId"/>, or null.</summary>
    public async Task<PeerSidecar?> FindAppAsync(Sidecar asking, string appId)
    {
        var peers = await EntriesAsync(asking, appId).ConfigureAwait(false);
        return peers.Count == 0 ? null : peers[Random.Shared.Next(peers.Count)];
    }

    /// <summary>
    /// The sidecar of another process that hosts <paramref name="actorType"/> for this actor id: the id's hash over
    /// those sidecars in a stable order, so every process places an id on the same one.
    /// </summary>
    public async Task<PeerSidecar?> FindActorHostAsync(Sidecar asking, string actorType, string actorId)
    {
        var hosts = (await EntriesAsync(asking, "*").ConfigureAwait(false))
            .Where(p => p.ActorTypes.Contains(actorType)).OrderBy(p => p.AppId, StringComparer.Ordinal).ThenBy(p => p.Process, StringComparer.Ordinal).ToList();
        if (hosts.Count == 0) return null;
        var hash = 0u;
        foreach (var c in actorId) hash = hash * 31 + c;
        return hosts[(int)(hash % (uint)hosts.Count)];
    }

    private PeerSidecar? Parse(string entry)
    {
        try
        {
            return JsonSerializer.Deserialize<PeerSidecar>(entry);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("sidecar directory: an entry that is not a sidecar is ignored: {Error}", ex.Message);
            return null;
        }
    }

    private async Task<IReadOnlyList<PeerSidecar>> EntriesAsync(Sidecar asking, string appIdPattern)
    {
        if (asking.Components.DirectoryRedis is not { } endpoint) return [];
        try
        {
            var db = await redis.DatabaseAsync(endpoint).ConfigureAwait(false);
            var server = db.Multiplexer.GetServers()[0];
            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(endpoint.Database, KeyPrefix + appIdPattern + "||*").ConfigureAwait(false)) keys.Add(key);
            if (keys.Count == 0) return [];
            var values = await db.StringGetAsync(keys.ToArray()).ConfigureAwait(false);
            return values.Where(v => v.HasValue).Select(v => Parse(v.ToString()))
                .OfType<PeerSidecar>().Where(p => p.Process != Process && p.Namespace == asking.Options.Namespace).ToList();
        }
        catch (RedisException ex)
        {
            logger.LogWarning("sidecar directory: cannot look up other processes' sidecars: {Error}", ex.Message);
            return [];
        }
    }
}
