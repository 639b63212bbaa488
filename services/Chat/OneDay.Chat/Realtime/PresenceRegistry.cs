using StackExchange.Redis;

namespace OneDay.Chat.Realtime;

/// <summary>
/// Who has a room open, per connection, in Redis so every instance sees every instance's connections.
/// A user with two devices in the room is online until both leave.
/// </summary>
public sealed class PresenceRegistry(IConnectionMultiplexer redis)
{
    private static RedisKey KeyOf(Guid roomId) => $"chat:presence:{roomId:N}";

    /// <summary>Adds the connection; true when it is the user's first one in the room.</summary>
    public async Task<bool> EnterAsync(Guid roomId, Guid userId, string connectionId)
    {
        var wasOnline = (await OnlineAsync(roomId).ConfigureAwait(false)).Contains(userId);
        await redis.GetDatabase().HashSetAsync(KeyOf(roomId), connectionId, userId.ToString("N")).ConfigureAwait(false);
        return !wasOnline;
    }

    /// <summary>Removes the connection; true when it was the user's last one in the room.</summary>
    public async Task<bool> LeaveAsync(Guid roomId, Guid userId, string connectionId)
    {
        await redis.GetDatabase().HashDeleteAsync(KeyOf(roomId), connectionId).ConfigureAwait(false);
        return !(await OnlineAsync(roomId).ConfigureAwait(false)).Contains(userId);
    }

    public async Task<IReadOnlyList<Guid>> OnlineAsync(Guid roomId) =>
        [.. (await redis.GetDatabase().HashValuesAsync(KeyOf(roomId)).ConfigureAwait(false))
            .Select(v => Guid.ParseExact(v.ToString(), "N"))
            .Distinct()];

    /// <summary>True when the user may show "typing" again (at most once per interval, across instances).</summary>
    public Task<bool> TryTypingAsync(Guid roomId, Guid userId, TimeSpan interval) =>
        redis.GetDatabase().StringSetAsync($"chat:typing:{roomId:N}:{userId:N}", 1, interval, When.NotExists);
}
