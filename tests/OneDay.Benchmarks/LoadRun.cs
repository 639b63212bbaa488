using System.Diagnostics;
using System.Globalization;

namespace OneDay.Benchmarks;

/// <summary>Latencies of one scenario under a fixed number of concurrent clients for a fixed time.</summary>
public sealed record LoadResult(string Name, int Concurrency, IReadOnlyList<double> LatenciesMs, TimeSpan Elapsed, int Failures)
{
    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Throughput => LatenciesMs.Count / Elapsed.TotalSeconds;

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name,-44} | {Concurrency,3} | {Percentile(50),8:0.000} | {Percentile(95),8:0.000} | {Percentile(99),8:0.000} | {Throughput,9:0} | {Failures,5} |");

    public static string Header =>
        "| scenario                                     |  c  |  p50 ms  |  p95 ms  |  p99 ms  |   req/s   | fails |\n" +
        "|----------------------------------------------|-----|----------|----------|----------|-----------|-------|";
}

public static class LoadRun
{
    /// <summary>Warms up, then runs <paramref name="request"/> from <paramref name="concurrency"/> loops for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> MeasureAsync(string name, int concurrency, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var warmUntil = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            while (DateTime.UtcNow < warmUntil) await request(i);
        }));

        var latencies = new List<double>[concurrency];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            latencies[i] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request(i);
                latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        return new LoadResult(name, concurrency, latencies.SelectMany(l => l).ToList(), clock.Elapsed, failures);
    }
}
