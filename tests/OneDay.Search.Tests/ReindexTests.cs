using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;

namespace OneDay.Search.Tests;

/// <summary>
/// Rebuilding the read model from the jobs service (a stand-in app behind its own sidecar serving
/// `/internal/jobs` pages) while searches keep running.
/// </summary>
public sealed class ReindexTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private IReadOnlyList<JobSnapshot> _jobsServiceHolds = [];
    private TestDatabase _database = null!;
    private WebApplication _jobs = null!;
    private ServiceTestHost<Program> _search = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dapr.WithSecret("ConnectionStrings:search", _database.ConnectionString).WithSecret("ConnectionStrings:redis", await TestServers.RedisAsync());
        var builder = LoopbackApp.CreateBuilder(out var port);
        _jobs = builder.Build();
        _jobs.MapGet("/internal/jobs", (Guid? after, int? limit) =>
        {
            var page = _jobsServiceHolds.OrderBy(j => j.JobId).Where(j => after is null || j.JobId.CompareTo(after.Value) > 0).Take(limit ?? 500).ToList();
            return Results.Json(new { items = page, next = page.Count == (limit ?? 500) ? page[^1].JobId : (Guid?)null }, ContractJson.Options);
        });
        await _jobs.StartAsync();
        var jobsSidecar = await _dapr.Cluster.StartSidecarAsync(_dapr.SidecarOptions("jobs", port));
        await jobsSidecar.AppReady;
        _search = await _dapr.StartServiceAsync<Program>("search");
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _jobs.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<long> CountAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/search/jobs?q={Uri.EscapeDataString(q)}&limit=50")).GetProperty("totalEstimate").GetInt64();

    private static async Task ReindexAsync(HttpClient admin)
    {
        using var started = await admin.PostAsync(new Uri("/search/reindex", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("/search/reindex/status");
            Assert.NotEqual("Failed", status.GetProperty("state").GetString());
            return status.GetProperty("state").GetString() == "Completed";
        }, TimeSpan.FromSeconds(60), "the reindex");
    }

    [Fact]
    public async Task A_reindex_replaces_the_read_model_while_every_search_sees_a_complete_one()
    {
        using var admin = _search.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Admin));
        using var reader = _search.CreateClient();
        _jobsServiceHolds = KoreanJobs.All;
        await ReindexAsync(admin);
        var servingBefore = await CountAsync(reader, "서빙");
        Assert.Equal(KoreanJobs.All.Count(j => (j.Title + j.Description).Contains("서빙", StringComparison.Ordinal)), servingBefore);

        // The jobs service now holds renamed jobs: every "서빙" job became "홀서비스".
        _jobsServiceHolds = KoreanJobs.All.Select(j => j with { Version = 2, Title = j.Title.Replace("서빙", "홀서비스", StringComparison.Ordinal), Description = j.Description.Replace("서빙", "홀서비스", StringComparison.Ordinal) }).ToList();
        var seen = new List<(long Serving, long Hall)>();
        using var stop = new CancellationTokenSource();
        var searching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) seen.Add((await CountAsync(reader, "서빙"), await CountAsync(reader, "홀서비스")));
        });
        await ReindexAsync(admin);
        await stop.CancelAsync();
        await searching;

        Assert.Equal(0, await CountAsync(reader, "서빙"));
        Assert.Equal(servingBefore, await CountAsync(reader, "홀서비스"));
        Assert.NotEmpty(seen);
        Assert.All(seen, s => Assert.True(s.Serving is 0 || s.Serving == servingBefore, $"a partial read model: {s.Serving}"));
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var indexes = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE tablename = 'job_documents' AND indexname LIKE 'ix_job_documents_%'", connection);
        Assert.Equal(5L, await indexes.ExecuteScalarAsync());
        // The rebuilt table is laid out by place: its rows follow the location index.
        await using var clustered = new NpgsqlCommand(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'job_documents'::regclass AND i.indisclustered", connection);
        Assert.Equal("ix_job_documents_location", await clustered.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Only_an_admin_may_reindex()
    {
        using var worker = _search.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Worker));
        using var anonymous = _search.CreateClient();

        using var forbidden = await worker.PostAsync(new Uri("/search/reindex", UriKind.Relative), null);
        using var unauthorized = await anonymous.PostAsync(new Uri("/search/reindex", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }
}
