using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OneDay.Chat.Messages;

/// <summary>
/// A sliding window per user in Redis, so the limit holds however many instances the user's connections
/// and requests reach, and at every moment: a fixed window let a user send twice the limit across its edge.
/// </summary>
public sealed class SendRateLimiter(IConnectionMultiplexer redis, IOptions<ChatOptions> options, TimeProvider time)
{
    // One sorted set per user: a member per accepted send, scored by its time in milliseconds. Sends older
    // than the window are dropped first; a refused send is not recorded, so waiting out the answer works.
    // Returns -1 when the send is admitted, otherwise the milliseconds until the oldest send leaves the window.
    private static readonly LuaScript Admit = LuaScript.Prepare("""
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', @now - @window)
        if redis.call('ZCARD', @key) < tonumber(@limit) then
          redis.call('ZADD', @key, @now, @send)
          redis.call('PEXPIRE', @key, @window)
          return -1
        end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return tonumber(oldest[2]) + @window - @now
        """);

    /// <summary>Counts one send; returns how long to wait when the user is over the limit, null otherwise.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(Guid userId)
    {
        var result = (long)await redis.GetDatabase().ScriptEvaluateAsync(Admit, new
        {
            key = new RedisKey($"chat:send-rate:{userId:N}"),
            now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            window = (long)options.Value.SendWindow.TotalMilliseconds,
            limit = options.Value.MessagesPerWindow,
            send = Guid.NewGuid().ToString("N"),
        }).ConfigureAwait(false);
        return result < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(result, 1));
    }
}
