using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OneDay.Search.PopularKeywords;

public sealed record PopularKeyword(string Keyword, long Count);

/// <summary>
/// Counts what people search for, per time window, in Redis: each window has sorted sets per time bucket
/// (1h in 5-minute buckets, 24h in hours, 7d in 6-hour buckets) whose union is the window's ranking. A
/// client (user, or IP when anonymous) counts once per keyword per window, so no one pushes a keyword up
/// by repeating it: a SET NX key that lives as long as the window remembers who already counted.
/// </summary>
public sealed class PopularKeywordCounter(IConnectionMultiplexer redis, IOptions<PopularKeywordOptions> options, TimeProvider time)
{
    private string Prefix => options.Value.KeyPrefix;

    public static IReadOnlyDictionary<string, (TimeSpan Length, TimeSpan Bucket)> Windows { get; } = new Dictionary<string, (TimeSpan, TimeSpan)>
    {
        ["1h"] = (TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
        ["24h"] = (TimeSpan.FromHours(24), TimeSpan.FromHours(1)),
        ["7d"] = (TimeSpan.FromDays(7), TimeSpan.FromHours(6)),
    };

    /// <summary>
    /// Per window: remember the client (SET NX with the window's lifetime) and, when it had not counted yet,
    /// count the keyword in the current bucket. One script, so one round trip per search instead of nine.
    /// KEYS: seen and bucket key per window; ARGV: the keyword, then per window the two lifetimes in seconds.
    /// </summary>
    private const string RecordScript = """
        for i = 1, #KEYS, 2 do
          if redis.call('SET', KEYS[i], 1, 'EX', ARGV[i + 1], 'NX') then
            redis.call('ZINCRBY', KEYS[i + 1], 1, ARGV[1])
            redis.call('EXPIRE', KEYS[i + 1], ARGV[i + 2])
          end
        end
        """;

    public async Task RecordAsync(string keyword, string client)
    {
        var now = time.GetUtcNow();
        var clientKey = Hash(keyword + "\n" + client);
        var keys = new List<RedisKey>();
        var values = new List<RedisValue> { keyword };
        foreach (var (name, (length, bucket)) in Windows)
        {
            keys.Add($"{Prefix}seen:{name}:{clientKey}");
            keys.Add(BucketKey(name, bucket, now));
            values.Add((long)length.TotalSeconds);
            values.Add((long)(length + bucket).TotalSeconds);
        }
        await redis.GetDatabase().ScriptEvaluateAsync(RecordScript, [.. keys], [.. values]).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PopularKeyword>> TopAsync(string window, int limit)
    {
        var (length, bucket) = Windows[window];
        var now = time.GetUtcNow();
        var buckets = (int)(length / bucket);
        var keys = Enumerable.Range(0, buckets).Select(i => (RedisKey)BucketKey(window, bucket, now - bucket * i)).ToArray();
        var counts = await redis.GetDatabase().SortedSetCombineWithScoresAsync(SetOperation.Union, keys).ConfigureAwait(false);
        return counts.OrderByDescending(c => c.Score).ThenBy(c => (string)c.Element!, StringComparer.Ordinal)
            .Take(limit).Select(c => new PopularKeyword(c.Element!, (long)c.Score)).ToList();
    }

    private string BucketKey(string window, TimeSpan bucket, DateTimeOffset at) =>
        $"{Prefix}{window}:{at.ToUnixTimeSeconds() / (long)bucket.TotalSeconds}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}

/// <summary>Where the counts live in Redis (section "PopularKeywords"), so several deployments can share one Redis.</summary>
public sealed class PopularKeywordOptions
{
    public const string Section = "PopularKeywords";

    [System.ComponentModel.DataAnnotations.Required]
    public string KeyPrefix { get; set; } = "search:popular:";
}
