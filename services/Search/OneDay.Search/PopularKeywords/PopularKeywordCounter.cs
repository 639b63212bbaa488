using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;
using StackExchange.Redis;

namespace OneDay.Search.PopularKeywords;

public sealed record PopularKeyword(string Keyword, long Count);

/// <summary>
/// Counts what people search for, per time window, in Redis: each window has sorted sets per time bucket
/// (1h in 5-minute buckets, 24h in hours, 7d in 6-hour buckets) whose union is the window's ranking. A
/// client (user, or IP when anonymous) counts once per keyword per window, so no one pushes a keyword up
/// by repeating it: a SET NX key that lives as long as the window remembers who already counted. Searches
/// are noted in memory and written once a second, in one script call per batch, so a search costs no
/// round trip to Redis; rankings lag by that second.
/// </summary>
public sealed class PopularKeywordCounter(IConnectionMultiplexer redis, IOptions<PopularKeywordOptions> options, TimeProvider time, ILogger<PopularKeywordCounter> logger)
    : PeriodicSweep(TimeSpan.FromSeconds(1), time, logger)
{
    /// <summary>Searches written per script call: enough to keep round trips rare, few enough to keep Redis responsive.</summary>
    private const int BatchSize = 200;


    /// <summary>
    /// ARGV: the number of windows, then per noted search the keyword and per window the seen key's and the
    /// bucket's lifetimes in seconds; KEYS: per noted search and window the seen key and the bucket.
    /// </summary>
    private const string RecordScript = """
        local windows = tonumber(ARGV[1])
        local k, a = 1, 2
        while k <= #KEYS do
          local keyword = ARGV[a]
          a = a + 1
          for _ = 1, windows do
            if redis.call('SET', KEYS[k], 1, 'EX', ARGV[a], 'NX') then
              redis.call('ZINCRBY', KEYS[k + 1], 1, keyword)
              redis.call('EXPIRE', KEYS[k + 1], ARGV[a + 1])
            end
            k = k + 2
            a = a + 2
          end
        end
        """;

    // One entry per keyword and client until written: repeats within the second are already the same count.
    private readonly ConcurrentDictionary<(string Keyword, string Client), DateTimeOffset> _pending = new();

    // Kept beside the dictionary: its own Count takes every lock, too dear for each search.
    private int _pendingCount;

    private string Prefix => options.Value.KeyPrefix;

    public static IReadOnlyDictionary<string, (TimeSpan Length, TimeSpan Bucket)> Windows { get; } = new Dictionary<string, (TimeSpan, TimeSpan)>
    {
        ["1h"] = (TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)),
        ["24h"] = (TimeSpan.FromHours(24), TimeSpan.FromHours(1)),
        ["7d"] = (TimeSpan.FromDays(7), TimeSpan.FromHours(6)),
    };

    protected override string Description => "writing popular keyword counts";

    protected override bool SweepsOnStop => true;

    /// <summary>Notes that <paramref name="client"/> searched for <paramref name="keyword"/> now.</summary>
    public void Record(string keyword, string client)
    {
        // While Redis is away the notes wait here, and anonymous clients can make new ones at will: beyond the
        // limit they go uncounted (a ranking loses a little) rather than grow the process without end.
        if (Volatile.Read(ref _pendingCount) >= options.Value.MaxPending) return;
        if (_pending.TryAdd((keyword, Hash(keyword + "\n" + client)), Time.GetUtcNow())) Interlocked.Increment(ref _pendingCount);
    }

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        var taken = _pending.TakeAll();
        Interlocked.Add(ref _pendingCount, -taken.Count);
        var written = 0;
        foreach (var batch in taken.Chunk(BatchSize))
        {
            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
                written += batch.Length;
            }
            catch
            {
                // Kept for the next sweep rather than lost with a moment's Redis trouble; the seen keys make a retry count once.
                foreach (var (key, at) in taken.Skip(written))
                {
                    if (_pending.TryAdd(key, at)) Interlocked.Increment(ref _pendingCount);
                }
                throw;
            }
        }
    }

    private Task<RedisResult> WriteAsync(IEnumerable<KeyValuePair<(string Keyword, string Client), DateTimeOffset>> searches)
    {
        var keys = new List<RedisKey>();
        var values = new List<RedisValue> { Windows.Count };
        foreach (var ((keyword, client), at) in searches)
        {
            values.Add(keyword);
            foreach (var (name, (length, bucket)) in Windows)
            {
                keys.Add($"{Prefix}seen:{name}:{client}");
                keys.Add(BucketKey(name, bucket, at));
                values.Add((long)length.TotalSeconds);
                values.Add((long)(length + bucket).TotalSeconds);
            }
        }
        return redis.GetDatabase().ScriptEvaluateAsync(RecordScript, [.. keys], [.. values]);
    }

    public async Task<IReadOnlyList<PopularKeyword>> TopAsync(string window, int limit)
    {
        var (length, bucket) = Windows[window];
        var now = Time.GetUtcNow();
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

    /// <summary>Searches noted in memory and not yet written to Redis, at most; beyond it they go uncounted.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000, ErrorMessage = "PopularKeywords:MaxPending must be between 1 and 10,000,000.")]
    public int MaxPending { get; set; } = 100_000;
}
