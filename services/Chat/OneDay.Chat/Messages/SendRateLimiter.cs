using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OneDay.Chat.Messages;

/// <summary>
/// A fixed window per user in Redis, so the limit holds however many instances the user's connections
/// and requests reach.
/// </summary>
public sealed class SendRateLimiter(IConnectionMultiplexer redis, IOptions<ChatOptions> options, TimeProvider time)
{
    /// <summary>Counts one send; returns how long to wait when the user is over the limit, null otherwise.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(Guid userId)
    {
        var window = options.Value.SendWindow;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)window.TotalMilliseconds;
        var windowNumber = now / windowMs;
        var key = new RedisKey($"chat:send-rate:{userId:N}:{windowNumber}");
        var db = redis.GetDatabase();
        var count = await db.StringIncrementAsync(key).ConfigureAwait(false);
        if (count == 1) await db.KeyExpireAsync(key, window * 2).ConfigureAwait(false);
        return count <= options.Value.MessagesPerWindow ? null : TimeSpan.FromMilliseconds(((windowNumber + 1) * windowMs) - now);
    }
}
