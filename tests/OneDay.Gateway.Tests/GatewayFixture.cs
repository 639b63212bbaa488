using OneDay.Testing;

namespace OneDay.Gateway.Tests;

/// <summary>The gateway beside its sidecar, with stand-in users, jobs and payments services and a hub.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public DaprTestEnvironment Dapr { get; } = new();

    public ServiceTestHost<Program> Gateway { get; private set; } = null!;

    public EchoService Payments { get; private set; } = null!;

    private readonly List<EchoService> _services = [];

    public async Task InitializeAsync()
    {
        _services.Add(await EchoService.StartAsync(Dapr, "users"));
        _services.Add(await EchoService.StartAsync(Dapr, "jobs"));
        _services.Add(Payments = await EchoService.StartAsync(Dapr, "payments"));
        var hub = await EchoService.StartAsync(Dapr, "notifications-hub", withSidecar: false);
        _services.Add(hub);
        Gateway = await Dapr.StartServiceAsync<Program>("gateway", new Dictionary<string, string?>
        {
            ["Gateway:Hubs:notifications:Address"] = $"http://127.0.0.1:{hub.Port}",
            ["Gateway:Hubs:chat:Address"] = $"http://127.0.0.1:{hub.Port}",
            ["Gateway:RequestTimeout"] = "00:00:01",
            ["RateLimiting:Credentials:Burst"] = "3",
            ["RateLimiting:Credentials:PerSecond"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await Dapr.DisposeAsync();
        foreach (var service in _services) await service.DisposeAsync();
    }
}
