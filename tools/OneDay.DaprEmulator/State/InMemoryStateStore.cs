using System.Globalization;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// A state store with the semantics of components-contrib state.redis (v1.16.13 state/redis/redis.go):
/// integer version etags ("1", "2" …); a write or delete without etag is last-write-wins; with an etag
/// it must match the stored version (a write with an etag to a missing key is accepted, as Redis does);
/// a non-integer etag is invalid; first-write concurrency without an etag fails on an existing key;
/// per-item `ttlInSeconds`; transactions are all-or-nothing. It lives in the emulator's memory, shared
/// by every sidecar that loads a component of the same name and type.
/// </summary>
public sealed class InMemoryStateStore(TimeProvider time) : IStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (byte[] Value, long Version, DateTimeOffset? ExpiresAt)> _items = new(StringComparer.Ordinal);

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(TryGetLive(key, out var item)
                ? new StateEntry(item.Value, item.Version.ToString(CultureInfo.InvariantCulture), item.ExpiresAt)
                : null);
        }
    }

    public Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var operation in operations) Check(operation);
            foreach (var operation in operations)
            {
                switch (operation)
                {
                    case StateUpsert upsert:
                        var version = TryGetLive(upsert.Key, out var current) ? current.Version + 1 : 1;
                        _items[upsert.Key] = (upsert.Value, version, ExpiryOf(upsert.Metadata));
                        break;
                    case StateDelete delete:
                        _items.Remove(delete.Key);
                        break;
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(
                _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && TryGetLive(k, out _)).ToList());
        }
    }

    private void Check(StateOperation operation)
    {
        if (operation is StateUpsert upsert) ExpiryOf(upsert.Metadata);
        var exists = TryGetLive(operation.Key, out var current);
        if (!string.IsNullOrEmpty(operation.Etag))
        {
            if (!long.TryParse(operation.Etag, NumberStyles.None, CultureInfo.InvariantCulture, out var etag))
            {
                throw new StateEtagInvalidException(operation.Etag);
            }
            if (exists && etag != current.Version) throw new StateEtagMismatchException(operation.Key);
            return;
        }
        if (operation.FirstWrite && exists && operation is StateUpsert)
        {
            throw new StateWriteRefusedException($"failed to set key {operation.Key}: first-write concurrency requires an etag for an existing key");
        }
    }

    private bool TryGetLive(string key, out (byte[] Value, long Version, DateTimeOffset? ExpiresAt) item)
    {
        if (!_items.TryGetValue(key, out item)) return false;
        if (item.ExpiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            _items.Remove(key);
            return false;
        }
        return true;
    }

    private DateTimeOffset? ExpiryOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("ttlInSeconds", out var ttl)) return null;
        if (!int.TryParse(ttl, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new StateWriteRefusedException($"incorrect value for metadata 'ttlInSeconds': {ttl}");
        }
        return seconds < 0 ? null : time.GetUtcNow().AddSeconds(seconds);
    }
}
