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

    public async Task RecordAsync(string keyword, string client)
    {
        var database = redis.GetDatabase();
        var now = time.GetUtcNow();
        var clientKey = Hash(keyword + "\n" + client);
        foreach (var (name, (length, bucket)) in Windows)
        {
            if (!await database.StringSetAsync($"{Prefix}seen:{name}:{clientKey}", 1, length, When.NotExists).ConfigureAwait(false)) continue;
            var key = BucketKey(name, bucket, now);
            await database.SortedSetIncrementAsync(key, keyword, 1).ConfigureAwait(false);
            await database.KeyExpireAsync(key, length + bucket).ConfigureAwait(false);
        }
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
