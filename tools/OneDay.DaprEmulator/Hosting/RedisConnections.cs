using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// Where a Redis-backed component connects, read from its metadata as components-contrib reads it
/// (common/component/redis/settings.go): `redisHost` (host:port), `redisPassword`, `redisUsername`,
/// `redisDB`, `enableTLS`. Only a single node is emulated (`redisType: node`).
/// </summary>
public sealed record RedisEndpoint(string Host, string Password, string Username, int Database, bool Tls)
{
    public static RedisEndpoint FromMetadata(string component, IReadOnlyDictionary<string, string> metadata)
    {
        var host = metadata.GetValueOrDefault("redisHost");
        if (string.IsNullOrWhiteSpace(host)) throw new InvalidDataException($"component {component}: redisHost is required");
        if (metadata.GetValueOrDefault("redisType") is { Length: > 0 } type && !type.Equals("node", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"component {component}: redisType {type} is not emulated (only node)");
        }
        var database = 0;
        if (metadata.GetValueOrDefault("redisDB") is { Length: > 0 } db && !int.TryParse(db, NumberStyles.None, CultureInfo.InvariantCulture, out database))
        {
            throw new InvalidDataException($"component {component}: redisDB '{db}' is not a number");
        }
        var tls = metadata.GetValueOrDefault("enableTLS") is { Length: > 0 } t && bool.TryParse(t, out var on) && on;
        return new RedisEndpoint(host.Trim(), metadata.GetValueOrDefault("redisPassword") ?? "", metadata.GetValueOrDefault("redisUsername") ?? "", database, tls);
    }

    public ConfigurationOptions Options(string clientName)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { Host },
            Password = Password.Length == 0 ? null : Password,
            User = Username.Length == 0 ? null : Username,
            DefaultDatabase = Database,
            Ssl = Tls,
            ClientName = clientName,
            // Start even when Redis is down and reconnect in the background, as daprd's client retries.
            AbortOnConnectFail = false,
            // Replies are parsed in RESP2's shapes (XREADGROUP: an array of [stream, entries]).
            Protocol = RedisProtocol.Resp2,
            ConnectTimeout = 2000,
            AsyncTimeout = 5000,
            SyncTimeout = 5000,
        };
        return options;
    }
}

/// <summary>
/// One connection per Redis endpoint for everything the emulator's sidecars do there (state, publishing,
/// acknowledgements), as daprd keeps one client per component. Blocking stream reads get their own
/// connections (<see cref="ConnectBlockingAsync"/>): a blocked command would hold up every other one.
/// </summary>
public sealed class RedisConnections : IAsyncDisposable
{
    private readonly ConcurrentDictionary<RedisEndpoint, Lazy<Task<ConnectionMultiplexer>>> _shared = new();

    // Connected without blocking a thread: sidecars start side by side, and a blocked pool starves them all.
    public async Task<IDatabase> DatabaseAsync(RedisEndpoint endpoint)
    {
        var connection = _shared.GetOrAdd(endpoint, e => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(e.Options("oneday-dapr-emulator"))));
        return (await connection.Value.ConfigureAwait(false)).GetDatabase(endpoint.Database);
    }

    /// <summary>A connection of its own for commands that block (XREADGROUP … BLOCK); the caller disposes it.</summary>
    public static async Task<ConnectionMultiplexer> ConnectBlockingAsync(RedisEndpoint endpoint)
    {
        var options = endpoint.Options("oneday-dapr-emulator-reader");
        // Blocking reads wait up to the component's read timeout; the client must wait longer than that.
        options.AsyncTimeout = 15_000;
        return await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _shared.Values.Where(c => c.IsValueCreated && c.Value.IsCompletedSuccessfully))
        {
            await (await connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        _shared.Clear();
    }
}
