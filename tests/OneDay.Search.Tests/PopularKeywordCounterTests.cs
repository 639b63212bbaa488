using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneDay.Search.PopularKeywords;
using OneDay.Testing;
using StackExchange.Redis;

namespace OneDay.Search.Tests;

/// <summary>Searches noted in memory between writes to Redis are bounded: a flood of new keywords cannot grow the process without end.</summary>
public sealed class PopularKeywordCounterTests
{
    [Fact]
    public async Task Beyond_the_pending_limit_searches_go_uncounted_and_those_within_it_are_written()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await TestServers.RedisAsync());
        var options = Options.Create(new PopularKeywordOptions { KeyPrefix = $"test:{Guid.NewGuid():N}:", MaxPending = 3 });
        var counter = new PopularKeywordCounter(redis, options, TimeProvider.System, NullLogger<PopularKeywordCounter>.Instance);

        foreach (var keyword in new[] { "물류", "카페", "주방", "편의점", "서빙" }) counter.Record(keyword, "ip:203.0.113.9");
        // Stopping writes what is pending, as the last sweep of a process does.
        await counter.StopAsync(CancellationToken.None);

        var counted = await counter.TopAsync("1h", 10);
        Assert.Equal(["물류", "주방", "카페"], counted.Select(k => k.Keyword).Order(StringComparer.Ordinal));
    }
}
