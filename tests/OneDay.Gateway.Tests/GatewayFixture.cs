using System.Net;
using OneDay.DaprEmulator.Hosting;
using OneDay.Testing;

namespace OneDay.Gateway.Tests;

/// <summary>The gateway beside its sidecar, with stand-in users, jobs and payments services and a hub.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public DaprTestEnvironment Dapr { get; } = new DaprTestEnvironment().WithAppApiToken("gateway-tests-app-token");

    /// <summary>The address the fixture configures as the ingress in front of the gateway: its X-Forwarded-For is believed.</summary>
    public static IPAddress Ingress { get; } = IPAddress.Parse("127.0.0.2");

    /// <summary>The web client's sidecar, with no app behind it: what calls the gateway for people using the web client.</summary>
    public Sidecar WebSidecar { get; private set; } = null!;

    /// <summary>A sidecar of an app that is not the web client, calling the gateway the same way.</summary>
    public Sidecar SearchSidecar { get; private set; } = null!;

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
            ["ForwardedHeaders:KnownNetworks:0"] = $"{Ingress}/32",
        });
        WebSidecar = await Dapr.Cluster.StartSidecarAsync(Dapr.SidecarOptions("web", appPort: 0));
        SearchSidecar = await Dapr.Cluster.StartSidecarAsync(Dapr.SidecarOptions("search", appPort: 0));
    }

    public async Task DisposeAsync()
    {
        await Dapr.DisposeAsync();
        foreach (var service in _services) await service.DisposeAsync();
    }
}
