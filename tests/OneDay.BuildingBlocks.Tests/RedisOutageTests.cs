using System.Net;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>A service that uses Redis, started while Redis is down: alive, not ready, and ready once Redis is back.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dapr.WithSecret("ConnectionStrings:sample", _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task With_Redis_down_the_service_is_alive_but_not_ready_until_Redis_is_back()
    {
        // Nothing listens on the port yet: Redis is down. The relay started on it later is Redis coming back.
        var redisPort = LoopbackPort.Free();
        var testRedis = StackExchange.Redis.ConfigurationOptions.Parse(await TestServers.RedisAsync());
        // A short connect timeout, which also shortens the waits between reconnects (half of it, growing).
        var service = await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = $"127.0.0.1:{redisPort},connectTimeout=1000" + (testRedis.Password is { } password ? $",password={password}" : ""),
        });
        using var client = service.CreateClient();

        var checks = await HealthProbes.AssertAliveButNotReadyAsync(client);

        Assert.Equal("Unhealthy", checks["redis"]);
        Assert.Equal("Healthy", checks["database"]);

        await using var redis = TcpRelay.Start(redisPort, testRedis.EndPoints[0].ToString()!);
        await Eventually.TrueAsync(async () =>
        {
            using var again = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return again.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30), what: "readiness once Redis is back");
    }
}
