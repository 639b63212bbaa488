using System.Net;
using System.Net.Http.Json;
using Dapr.Client;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Testing;

namespace OneDay.Search.Tests;

/// <summary>
/// The search service on a fresh database, fed the Korean fixture the way production feeds it: job
/// events published on the bus by a "jobs" sidecar.
/// </summary>
public sealed class SearchFixture : IAsyncLifetime
{
    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public DaprClient Jobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Dapr.WithSecret("ConnectionStrings:search", Database.ConnectionString)
            .WithSecret("ConnectionStrings:redis", await TestServers.RedisAsync());
        // Each fixture counts popular keywords apart from other runs sharing the Redis server.
        Service = await Dapr.StartServiceAsync<Program>("search", new Dictionary<string, string?> { ["PopularKeywords:KeyPrefix"] = $"test:{Guid.NewGuid():N}:" });
        var jobsSidecar = await Dapr.Cluster.StartSidecarAsync(Dapr.SidecarOptions("jobs", 0));
        Jobs = new DaprClientBuilder()
            .UseGrpcEndpoint(jobsSidecar.GrpcEndpoint.ToString())
            .UseHttpEndpoint(jobsSidecar.HttpEndpoint.ToString())
            .UseJsonSerializationOptions(ContractJson.Options)
            .Build();
        foreach (var job in KoreanJobs.All) await PublishAsync(new JobCreated(job));
        await Dapr.Cluster.WaitForIdleAsync(TimeSpan.FromMinutes(1));
    }

    public Task PublishAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent =>
        Jobs.PublishEventAsync("pubsub", IntegrationEventTopics.Of<TEvent>(), IntegrationEventStamps.Stamped(integrationEvent));

    /// <summary>Asserts that GET <paramref name="pathAndQuery"/> is refused as bad input: a 400 with a problem document.</summary>
    public async Task AssertBadRequestAsync(string pathAndQuery)
    {
        using var client = Service.CreateClient();

        using var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public async Task<SearchResponse> SearchAsync(string query)
    {
        using var client = Service.CreateClient();
        return (await client.GetFromJsonAsync<SearchResponse>($"/search/jobs?{query}", ContractJson.Options))!;
    }

    public async Task DisposeAsync()
    {
        Jobs.Dispose();
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed record SearchHit(Guid JobId, string Title, string TitleHighlighted, string Category, long WageKrw, double Latitude, double Longitude, DateTimeOffset StartsAt, DateTimeOffset PostedAt, double? DistanceKm);

public sealed record SearchResponse(IReadOnlyList<SearchHit> Items, long TotalEstimate, Dictionary<string, long> Categories, string? NextCursor);
