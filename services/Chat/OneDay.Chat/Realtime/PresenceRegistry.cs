using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OneDay.Chat.Realtime;

/// <summary>
/// Who has a room open, per connection, in Redis so every instance sees every instance's connections.
/// A user with two devices in the room is online until both leave. Each entry is a lease that this
/// instance renews (<see cref="RenewAsync"/>) while the connection lasts: an instance that crashes
/// leaves no one online for longer than <see cref="ChatOptions.PresenceLease"/>, so its users are
/// notified of messages again instead of being taken for present forever.
/// </summary>
public sealed class PresenceRegistry(IConnectionMultiplexer redis, IOptions<ChatOptions> options, TimeProvider time)
{
    /// <summary>This instance's connections in rooms: what it renews.</summary>
    private readonly ConcurrentDictionary<(Guid RoomId, string ConnectionId), Guid> _held = new();

    private static RedisKey KeyOf(Guid roomId) => $"chat:presence:{roomId:N}";

    private static RedisValue Entry(Guid userId, string connectionId) => $"{userId:N}|{connectionId}";

    private double LeaseEnd => (time.GetUtcNow() + options.Value.PresenceLease).ToUnixTimeMilliseconds();

    /// <summary>Adds the connection; true when it is the user's first one in the room.</summary>
    public async Task<bool> EnterAsync(Guid roomId, Guid userId, string connectionId)
    {
        var wasOnline = (await OnlineAsync(roomId).ConfigureAwait(false)).Contains(userId);
        _held[(roomId, connectionId)] = userId;
        await redis.GetDatabase().SortedSetAddAsync(KeyOf(roomId), Entry(userId, connectionId), LeaseEnd).ConfigureAwait(false);
        return !wasOnline;
    }

    /// <summary>Removes the connection; true when it was the user's last one in the room.</summary>
    public async Task<bool> LeaveAsync(Guid roomId, Guid userId, string connectionId)
    {
        _held.TryRemove((roomId, connectionId), out _);
        await redis.GetDatabase().SortedSetRemoveAsync(KeyOf(roomId), Entry(userId, connectionId)).ConfigureAwait(false);
        return !(await OnlineAsync(roomId).ConfigureAwait(false)).Contains(userId);
    }

    /// <summary>The users with a live lease in the room.</summary>
    public async Task<IReadOnlyList<Guid>> OnlineAsync(Guid roomId) =>
        [.. (await redis.GetDatabase().SortedSetRangeByScoreAsync(KeyOf(roomId), time.GetUtcNow().ToUnixTimeMilliseconds(), double.PositiveInfinity)
                .ConfigureAwait(false))
            .Select(entry => Guid.ParseExact(entry.ToString().AsSpan(0, 32), "N"))
            .Distinct()];

    /// <summary>Extends the leases of this instance's connections and drops the expired entries of their rooms.</summary>
    public async Task RenewAsync()
    {
        var database = redis.GetDatabase();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = LeaseEnd;
        var batch = database.CreateBatch();
        var writes = new List<Task>();
        foreach (var ((roomId, connectionId), userId) in _held)
        {
            writes.Add(batch.SortedSetAddAsync(KeyOf(roomId), Entry(userId, connectionId), until));
        }
        foreach (var roomId in _held.Keys.Select(k => k.RoomId).Distinct())
        {
            writes.Add(batch.SortedSetRemoveRangeByScoreAsync(KeyOf(roomId), double.NegativeInfinity, now, Exclude.Stop));
        }
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>True when the user may show "typing" again (at most once per interval, across instances).</summary>
    public Task<bool> TryTypingAsync(Guid roomId, Guid userId, TimeSpan interval) =>
        redis.GetDatabase().StringSetAsync($"chat:typing:{roomId:N}:{userId:N}", 1, interval, When.NotExists);
}
