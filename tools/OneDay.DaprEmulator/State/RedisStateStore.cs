using System.Globalization;
using System.Text;
using OneDay.DaprEmulator.Hosting;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// The backend of `state.redis` components on a real Redis, in the layout of components-contrib v1.16
/// state/redis/redis.go (docs/dapr-state-and-actors.md), so daprd can read what the emulator wrote and
/// the other way round: each key is a hash with the value's bytes in `data` and an integer `version`
/// (the ETag) raised by HINCRBY on every write; `ttlInSeconds` sets EXPIRE (zero or less: PERSIST).
/// Unlike contrib's MULTI pipeline, a transaction is one Lua script that checks every operation before
/// applying any, so it is all-or-nothing as the state API promises.
/// </summary>
public sealed class RedisStateStore(RedisEndpoint endpoint, RedisConnections connections, TimeProvider time) : IStateStore
{
    // ARGV per operation: kind ("set"/"del"), etag ("" = none), first-write ("1"/"0"), value, ttl ("" = keep).
    private const int ArgumentsPerOperation = 5;

    private const string TransactScript = """
        local function version_of(key)
          local v = redis.pcall("HGET", key, "version")
          if type(v) == "table" then return false end
          return v
        end
        for i = 1, #KEYS do
          local b = (i - 1) * 5
          local version = version_of(KEYS[i])
          if ARGV[b + 2] ~= "" then
            if version and version ~= ARGV[b + 2] then return redis.error_reply("ETAG_MISMATCH " .. KEYS[i]) end
          elseif ARGV[b + 3] == "1" and ARGV[b + 1] == "set" and version then
            return redis.error_reply("FIRST_WRITE " .. KEYS[i])
          end
        end
        for i = 1, #KEYS do
          local b = (i - 1) * 5
          if ARGV[b + 1] == "set" then
            if redis.call("TYPE", KEYS[i]).ok ~= "hash" then redis.call("DEL", KEYS[i]) end
            redis.call("HSET", KEYS[i], "data", ARGV[b + 4])
            redis.call("HINCRBY", KEYS[i], "version", 1)
            local ttl = tonumber(ARGV[b + 5])
            if ttl ~= nil then
              if ttl > 0 then redis.call("EXPIRE", KEYS[i], ttl) else redis.call("PERSIST", KEYS[i]) end
            end
          else
            redis.call("DEL", KEYS[i])
          end
        end
        return #KEYS
        """;

    // A value daprd wrote before it kept versions is a plain string; contrib falls back to GET for it.
    private const string GetScript = """
        local t = redis.call("TYPE", KEYS[1]).ok
        if t == "none" then return false end
        local ttl = redis.call("PTTL", KEYS[1])
        if t == "hash" then
          return { redis.call("HGET", KEYS[1], "data"), redis.call("HGET", KEYS[1], "version"), ttl }
        end
        return { redis.call("GET", KEYS[1]), false, ttl }
        """;

    public async Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var result = await RunAsync(GetScript, [key], [], cancellationToken).ConfigureAwait(false);
        if (result.IsNull) return null;
        var parts = (RedisResult[])result!;
        if (parts[0].IsNull) return null;
        var ttl = (long)parts[2];
        return new StateEntry((byte[])parts[0]!, parts[1].IsNull ? "" : (string)parts[1]!, ttl > 0 ? time.GetUtcNow().AddMilliseconds(ttl) : null);
    }

    public async Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        if (operations.Count == 0) return;
        var keys = new RedisKey[operations.Count];
        var arguments = new RedisValue[operations.Count * ArgumentsPerOperation];
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (!string.IsNullOrEmpty(operation.Etag) && !long.TryParse(operation.Etag, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new StateEtagInvalidException(operation.Etag);
            }
            keys[i] = operation.Key;
            var at = i * ArgumentsPerOperation;
            arguments[at] = operation is StateUpsert ? "set" : "del";
            arguments[at + 1] = operation.Etag ?? "";
            arguments[at + 2] = operation.FirstWrite ? "1" : "0";
            arguments[at + 3] = operation is StateUpsert upsert ? upsert.Value : RedisValue.EmptyString;
            arguments[at + 4] = operation is StateUpsert { Metadata: var metadata } ? TtlOf(metadata) : "";
        }
        try
        {
            await RunAsync(TransactScript, keys, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("ETAG_MISMATCH ", StringComparison.Ordinal))
        {
            throw new StateEtagMismatchException(ex.Message["ETAG_MISMATCH ".Length..]);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("FIRST_WRITE ", StringComparison.Ordinal))
        {
            throw new StateWriteRefusedException($"failed to set key {ex.Message["FIRST_WRITE ".Length..]}: first-write concurrency requires an etag for an existing key");
        }
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var pattern = new StringBuilder();
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') pattern.Append('\\');
            pattern.Append(c);
        }
        pattern.Append('*');
        var keys = new List<string>();
        var cursor = "0";
        do
        {
            var page = await RunCommandAsync("SCAN", [cursor, "MATCH", pattern.ToString(), "COUNT", 1000], cancellationToken).ConfigureAwait(false);
            var parts = (RedisResult[])page!;
            cursor = (string)parts[0]!;
            keys.AddRange(((RedisResult[])parts[1]!).Select(k => (string)k!));
        }
        while (cursor != "0");
        return keys;
    }

    public Task PingAsync(CancellationToken cancellationToken) => RunCommandAsync("PING", [], cancellationToken);

    private static string TtlOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("ttlInSeconds", out var ttl) || ttl.Length == 0) return "";
        return int.TryParse(ttl, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? seconds.ToString(CultureInfo.InvariantCulture)
            : throw new StateWriteRefusedException($"incorrect value for metadata 'ttlInSeconds': {ttl}");
    }

    private Task<RedisResult> RunAsync(string script, RedisKey[] keys, RedisValue[] arguments, CancellationToken cancellationToken) =>
        Guard(async () => await (await connections.DatabaseAsync(endpoint).ConfigureAwait(false)).ScriptEvaluateAsync(script, keys, arguments).ConfigureAwait(false), cancellationToken);

    private Task<RedisResult> RunCommandAsync(string command, object[] arguments, CancellationToken cancellationToken) =>
        Guard(async () => await (await connections.DatabaseAsync(endpoint).ConfigureAwait(false)).ExecuteAsync(command, arguments).ConfigureAwait(false), cancellationToken);

    private async Task<RedisResult> Guard(Func<Task<RedisResult>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new StateStoreUnavailableException($"redis store at {endpoint.Host}: {ex.Message}", ex);
        }
    }
}
