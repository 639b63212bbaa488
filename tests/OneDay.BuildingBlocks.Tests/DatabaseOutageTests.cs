using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>Liveness and readiness tell an orchestrator different things when the database is down.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dapr.DisposeAsync();

    [Fact]
    public async Task With_the_database_down_the_service_is_alive_but_not_ready()
    {
        _dapr.WithSecret("ConnectionStrings:sample", $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=gone;Username=u;Password=p;Timeout=2");
        var service = await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        using var client = service.CreateClient();

        var checks = await HealthProbes.AssertAliveButNotReadyAsync(client);

        Assert.Equal("Unhealthy", checks["database"]);
        Assert.Equal("Healthy", checks["dapr-sidecar"]);
    }
}
