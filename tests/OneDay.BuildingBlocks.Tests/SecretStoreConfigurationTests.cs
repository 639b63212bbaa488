using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>A service's configuration holds the secrets it names and nothing of another service's.</summary>
public sealed class SecretStoreConfigurationTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _dapr.DisposeAsync();

    [Fact]
    public async Task A_service_reads_the_shared_secret_and_its_own_and_never_another_services()
    {
        _dapr.WithSecret("ConnectionStrings:sample", $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=gone;Username=u;Password=p;Timeout=2", "sample")
            .WithSecret("Probe:Shared", "everyone's")
            // Kubernetes Secret keys cannot hold ':', so '__' stands for it as in environment variables.
            .WithSecret("Probe__Own", "sample's", "sample")
            .WithSecret("Jwt:SigningKey", "users' signing key", "users")
            .WithSecret("Probe:Other", "users'", "users");

        var service = await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        var configuration = service.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("everyone's", configuration["Probe:Shared"]);
        Assert.Equal("sample's", configuration["Probe:Own"]);
        Assert.Null(configuration["Probe:Other"]);
        Assert.Null(configuration["Jwt:SigningKey"]);
    }
}
