using System.Collections.Concurrent;
using System.Diagnostics;

namespace OneDay.Benchmarks;

/// <summary>Latencies of one measurement: what <paramref name="Concurrency"/> clients saw in <paramref name="Elapsed"/>.</summary>
public sealed record LoadResult(string Name, int Concurrency, IReadOnlyList<double> LatenciesMs, TimeSpan Elapsed, int Failures)
{
    public double Percentile(double p)
    {
        if (LatenciesMs.Count == 0) return double.NaN;
        var sorted = LatenciesMs.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Throughput => LatenciesMs.Count / Elapsed.TotalSeconds;
}

public static class LoadRun
{
    /// <summary>Warms up, then runs <paramref name="request"/> from <paramref name="concurrency"/> loops for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> MeasureAsync(
        string name, int concurrency, TimeSpan duration, TimeSpan warmUp, Func<int, Task<bool>> request, CancellationToken cancellationToken)
    {
        await RunLoopsAsync(concurrency, (i, elapsed) => elapsed < warmUp ? () => request(i) : null, cancellationToken);
        var (latencies, failures, elapsed) = await RunLoopsAsync(concurrency, (i, elapsed) => elapsed < duration ? () => request(i) : null, cancellationToken);
        return new LoadResult(name, concurrency, latencies, elapsed, failures);
    }

    /// <summary>
    /// Measures several ways of doing the same request side by side: one client takes them in turn, so
    /// every way sees the same warm-up, the same noise and the same moment of the run. A way's throughput
    /// is its requests per second of the time spent on it.
    /// </summary>
    public static async Task<IReadOnlyList<LoadResult>> MeasureInTurnAsync(
        IReadOnlyList<(string Name, Func<Task<bool>> Request)> ways, TimeSpan duration, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var latencies = ways.Select(_ => new List<double>()).ToArray();
        var failures = new int[ways.Count];
        foreach (var (limit, record) in new[] { (warmUp, false), (duration, true) })
        {
            var clock = Stopwatch.StartNew();
            for (var turn = 0; clock.Elapsed < limit; turn = (turn + 1) % ways.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var ok = await ways[turn].Request();
                if (!record) continue;
                latencies[turn].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) failures[turn]++;
            }
        }
        return [.. ways.Select((way, i) => new LoadResult(way.Name, 1, latencies[i], TimeSpan.FromMilliseconds(latencies[i].Sum()), failures[i]))];
    }

    /// <summary>
    /// Runs each client's own list of work items once, one at a time per client, all clients at once: for
    /// work that is used up by doing it (a payment is confirmed once), where a timed loop does not fit.
    /// </summary>
    public static async Task<LoadResult> MeasureEachAsync<T>(
        string name, IReadOnlyList<IReadOnlyList<T>> workPerClient, Func<T, Task<bool>> request, CancellationToken cancellationToken)
    {
        var queues = workPerClient.Select(work => new ConcurrentQueue<T>(work)).ToList();
        var (latencies, failures, elapsed) = await RunLoopsAsync(
            queues.Count, (i, _) => queues[i].TryDequeue(out var item) ? () => request(item) : null, cancellationToken);
        return new LoadResult(name, queues.Count, latencies, elapsed, failures);
    }

    /// <summary>Deals <paramref name="items"/> to <paramref name="clients"/> in turn, as cards: each client's own work for <see cref="MeasureEachAsync"/>.</summary>
    public static List<IReadOnlyList<T>> Dealt<T>(IEnumerable<T> items, int clients) =>
        [.. items.Select((item, i) => (item, i)).GroupBy(x => x.i % clients, x => x.item).Select(own => (IReadOnlyList<T>)[.. own])];

    /// <summary>
    /// How long each item took from <paramref name="from"/> to <paramref name="reached"/> (an effect that follows a
    /// request: a payment settled, an employer told), with the rate over the whole span from the first start to
    /// the last arrival; an item that never arrived is a failure.
    /// </summary>
    public static LoadResult Between(string name, int clients, IReadOnlyDictionary<Guid, DateTimeOffset> from, IReadOnlyDictionary<Guid, DateTimeOffset> reached)
    {
        var arrived = reached.Where(r => from.ContainsKey(r.Key)).ToList();
        var latencies = arrived.Select(r => (r.Value - from[r.Key]).TotalMilliseconds).ToList();
        var span = arrived.Count == 0 ? TimeSpan.Zero : arrived.Max(r => r.Value) - from.Values.Min();
        return new LoadResult(name, clients, latencies, span, from.Count - arrived.Count);
    }

    /// <summary>Each loop asks <paramref name="next"/> (its index, the time so far) for its next request until it answers null.</summary>
    private static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> RunLoopsAsync(
        int concurrency, Func<int, TimeSpan, Func<Task<bool>>?> next, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async i =>
        {
            latencies[i] = [];
            while (next(i, clock.Elapsed) is { } request)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var ok = await request();
                latencies[i].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        return (latencies.SelectMany(l => l).ToList(), failures, clock.Elapsed);
    }
}
