extern alias gateway;

using System.Globalization;
using Dapr.Client;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;
using GatewayProgram = gateway::Program;

namespace OneDay.Benchmarks;

/// <summary>The measured scenarios; each prints a table and the figures the budgets speak of.</summary>
public static class Scenarios
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("ONEDAY_BENCH_SECONDS") ?? "5", CultureInfo.InvariantCulture));

    /// <summary>
    /// Search at 100k jobs: keyword + radius and suggestions through the API at 8 and 32 clients, beside two
    /// floors: a primary-key lookup on the same database, and the service's liveness endpoint over the same
    /// HTTP client (what any request costs before search does anything). Budget: search p95 ≤ 10 ms and ≥ 1,500 req/s,
    /// suggestions p95 ≤ 5 ms.
    /// </summary>
    public static async Task SearchAsync(SearchStack stack, int jobs)
    {
        Console.WriteLine($"\n## Search with {jobs:N0} jobs\n");
        using var http = stack.Service.CreateClient();
        await using var dataSource = NpgsqlDataSource.Create(stack.Database.ConnectionString);
        var ids = new List<Guid>();
        await using (var command = dataSource.CreateCommand("SELECT job_id FROM job_documents LIMIT 1000"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        }
        var queries = new[] { "물류", "카페 서빙", "상하차", "야간 편의점", "주방" };
        var cities = new[] { (37.5665, 126.9780), (35.1796, 129.0756), (35.8714, 128.6014), (37.4563, 126.7052) };
        Console.WriteLine(LoadResult.Header);
        foreach (var concurrency in new[] { 8, 32 })
        {
            Console.WriteLine((await LoadRun.MeasureAsync("primary-key lookup (SQL, the floor)", concurrency, Duration, async i =>
            {
                await using var command = dataSource.CreateCommand("SELECT title FROM job_documents WHERE job_id = $1");
                command.Parameters.AddWithValue(ids[Random.Shared.Next(ids.Count)]);
                return await command.ExecuteScalarAsync() is not null;
            })).Row());
            Console.WriteLine((await LoadRun.MeasureAsync("liveness (GET /health, the HTTP floor)", concurrency, Duration, async i =>
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                return response.IsSuccessStatusCode;
            })).Row());
            Console.WriteLine((await LoadRun.MeasureAsync("keyword + 10 km radius (GET /search/jobs)", concurrency, Duration, async i =>
            {
                var (lat, lng) = cities[Random.Shared.Next(cities.Length)];
                var q = Uri.EscapeDataString(queries[Random.Shared.Next(queries.Length)]);
                using var response = await http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"/search/jobs?q={q}&lat={lat}&lng={lng}&radiusKm=10&limit=20"), UriKind.Relative));
                return response.IsSuccessStatusCode;
            })).Row());
            Console.WriteLine((await LoadRun.MeasureAsync("suggestions by prefix / 초성", concurrency, Duration, async i =>
            {
                var q = Uri.EscapeDataString(i % 2 == 0 ? "물류" : "ㅅㅎㅊ");
                using var response = await http.GetAsync(new Uri($"/search/suggestions?q={q}", UriKind.Relative));
                return response.IsSuccessStatusCode;
            })).Row());
        }
    }

    /// <summary>
    /// The same request three ways, side by side: straight to the service, through a sidecar's
    /// /v1.0/invoke, and through the gateway. The gateway's own cost is the difference between the last
    /// two. Budget: ≤ 1 ms added at p50. (The sidecar here is the emulator, reported for information.)
    /// </summary>
    public static async Task GatewayAsync(SearchStack stack)
    {
        Console.WriteLine("\n## Gateway overhead\n");
        var gateway = await stack.Dapr.StartServiceAsync<GatewayProgram>("gateway", new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimiting:Anonymous:Burst"] = "1000000",
            ["RateLimiting:Anonymous:PerSecond"] = "1000000",
        });
        using var direct = stack.Service.CreateClient();
        using var sidecar = new HttpClient { BaseAddress = gateway.Sidecar.HttpEndpoint };
        using var viaGateway = gateway.CreateClient();
        const string path = "/search/suggestions?q=%EB%AC%BC%EB%A5%98";
        var results = new List<LoadResult>();
        Console.WriteLine(LoadResult.Header);
        foreach (var (name, client, uri) in new[]
                 {
                     ("direct to the service", direct, path),
                     ("through a sidecar's /v1.0/invoke", sidecar, "/v1.0/invoke/search/method" + path),
                     ("through the gateway", viaGateway, path),
                 })
        {
            var result = await LoadRun.MeasureAsync(name, 8, Duration, async _ =>
            {
                using var response = await client.GetAsync(new Uri(uri, UriKind.Relative));
                return response.IsSuccessStatusCode;
            });
            results.Add(result);
            Console.WriteLine(result.Row());
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\ngateway's own cost at p50: {results[2].Percentile(50) - results[1].Percentile(50):0.000} ms (budget ≤ 1 ms); sidecar (emulator) cost at p50: {results[1].Percentile(50) - results[0].Percentile(50):0.000} ms"));
    }

    /// <summary>job-created published → searchable, 100 times. Budget: p95 ≤ 100 ms.</summary>
    public static async Task PropagationAsync(SearchStack stack)
    {
        Console.WriteLine("\n## Event propagation: job-created → searchable\n");
        var jobsSidecar = await stack.Dapr.Cluster.StartSidecarAsync(stack.Dapr.SidecarOptions("jobs", 0));
        using var jobs = new DaprClientBuilder().UseGrpcEndpoint(jobsSidecar.GrpcEndpoint.ToString()).UseJsonSerializationOptions(ContractJson.Options).Build();
        using var http = stack.Service.CreateClient();
        var latencies = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var marker = $"전파측정{i:D3}";
            var now = DateTimeOffset.UtcNow;
            var job = new JobSnapshot(Guid.NewGuid(), 1, Guid.NewGuid(), $"{marker} 상하차", "측정용", "물류/상하차", 12_000, "서울", 37.5, 127.0,
                now.AddDays(1), now.AddDays(1).AddHours(8), 1, 0, "Open", now, now);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await jobs.PublishEventAsync("pubsub", IntegrationEventTopics.Of<JobCreated>(), new JobCreated(job) { EventId = Guid.NewGuid(), OccurredAt = now });
            while (true)
            {
                var body = await http.GetStringAsync(new Uri($"/search/jobs?q={Uri.EscapeDataString(marker)}", UriKind.Relative));
                if (body.Contains(job.JobId.ToString(), StringComparison.Ordinal)) break;
                await Task.Delay(1);
            }
            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var result = new LoadResult("job-created → found by search", 1, latencies, TimeSpan.FromSeconds(1), 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50 {result.Percentile(50):0.0} ms, p95 {result.Percentile(95):0.0} ms, p99 {result.Percentile(99):0.0} ms (budget p95 ≤ 100 ms)"));
    }
}
