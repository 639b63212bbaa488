using OneDay.Testing;
using System.Net;
using Dapr;
using Grpc.Core;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>API tokens, health and metadata: docs/dapr-sidecar.md §A.6, §C.2, §C.4.</summary>
public sealed class SidecarSecurityAndHealthTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A6_with_DAPR_API_TOKEN_set_calls_without_the_token_get_401_and_unauthenticated()
    {
        var sidecar = await _host.StartSidecarOnlyAsync("orders", daprApiToken: "let-me-in");
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        using var noToken = await http.GetAsync(new Uri("/v1.0/metadata", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/v1.0/healthz/outbound", UriKind.Relative));
        var grpcError = await Assert.ThrowsAsync<DaprException>(() => _host.Client(sidecar).GetMetadataAsync());
        var withToken = await _host.Client(sidecar, "let-me-in").GetMetadataAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("invalid api token", await noToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, Assert.IsType<RpcException>(grpcError.InnerException).StatusCode);
        Assert.Equal("orders", withToken.Id);
    }

    [Fact]
    public async Task A_sidecar_whose_fixed_port_is_briefly_taken_starts_once_it_is_free()
    {
        var port = LoopbackPort.Free();
        var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        holder.Start();
        var starting = _host.Cluster.StartSidecarAsync(new SidecarOptions { AppId = "late", HttpPort = port });
        await Task.Delay(TimeSpan.FromSeconds(1));
        var startedWhileHeld = starting.IsCompleted;
        holder.Stop();

        var sidecar = await starting.WaitAsync(TimeSpan.FromSeconds(10));
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
        using var health = await http.GetAsync(new Uri("/v1.0/healthz/outbound", UriKind.Relative));

        Assert.False(startedWhileHeld);
        Assert.Equal(port, sidecar.HttpPort);
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }

    [Fact]
    public async Task A6_with_APP_API_TOKEN_set_every_call_to_the_app_carries_it()
    {
        var orders = await _host.StartAppAsync("orders", appApiToken: "app-secret");
        var caller = await _host.StartSidecarOnlyAsync("checkout");

        using var response = await _host.Client(caller).CreateInvokableHttpClient("orders").GetAsync(new Uri("/public/orders", UriKind.Relative));
        await _host.Client(caller).PublishEventAsync("pubsub", "orders", new OrderPlaced("t", 1));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal("app-secret", Assert.Single(_host.Recorder.At("/dapr/subscribe")).Headers["dapr-api-token"]);
        Assert.Equal("app-secret", Assert.Single(_host.Recorder.At("/public/orders")).Headers["dapr-api-token"]);
        Assert.Equal("app-secret", Assert.Single(_host.Recorder.At("/events/orders")).Headers["dapr-api-token"]);
        Assert.NotNull(orders);
    }

    [Fact]
    public async Task C4_healthz_is_500_until_the_app_is_up_while_outbound_answers_at_once()
    {
        var sidecar = await _host.Cluster.StartSidecarAsync(new SidecarOptions
        {
            AppId = "late",
            AppPort = 1, // nothing listens there: the app never comes up
            ResourcesPaths = [_host.Resources.Folder],
            WorkingDirectory = _host.Resources.Folder,
        });
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };

        using var health = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative));
        using var outbound = await http.GetAsync(new Uri("/v1.0/healthz/outbound", UriKind.Relative));
        var ready = await _host.Client(sidecar).CheckHealthAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, health.StatusCode);
        Assert.Contains("ERR_HEALTH_NOT_READY", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
        Assert.False(ready);
    }

    [Fact]
    public async Task C4_healthz_is_204_once_the_app_answered_and_the_SDK_sees_it_healthy()
    {
        var orders = await _host.StartAppAsync("orders");

        Assert.True(await _host.Client(orders.Sidecar).CheckHealthAsync());
    }

    [Fact]
    public async Task C2_metadata_lists_components_actor_types_and_subscriptions()
    {
        var orders = await _host.StartAppAsync("orders");

        var metadata = await _host.Client(orders.Sidecar).GetMetadataAsync();

        Assert.Equal("orders", metadata.Id);
        Assert.Contains(metadata.Components, c => c.Name == "statestore" && c.Type == "state.redis" && c.Capabilities.Contains("ACTOR"));
        Assert.Contains(metadata.Components, c => c.Name == "pubsub" && c.Type == "pubsub.redis");
        Assert.Contains(metadata.Components, c => c.Name == "mailer");
        Assert.Contains(metadata.Actors, a => a.Type == nameof(CounterActor));
        Assert.Contains(metadata.Actors, a => a.Type == nameof(ReminderActor));
    }

    [Fact]
    public async Task A5_an_app_failing_its_health_check_gets_no_messages_until_it_is_healthy()
    {
        var port = LoopbackPort.Free();
        var sidecar = await _host.Cluster.StartSidecarAsync(new SidecarOptions
        {
            AppId = "orders",
            AppPort = port,
            ResourcesPaths = [_host.Resources.Folder],
            WorkingDirectory = _host.Resources.Folder,
            EnableAppHealthCheck = true,
            AppHealthCheckPath = "/not-a-health-endpoint",
            AppHealthProbeInterval = TimeSpan.FromMilliseconds(50),
        });
        await using var app = await ConformanceApp.StartAsync("orders", port, sidecar.HttpEndpoint, sidecar.GrpcEndpoint, _host.Recorder, null);
        await sidecar.AppReady;
        await _host.Recorder.WaitUntilAsync(r => r.At("/not-a-health-endpoint").Count >= 3);

        await _host.Client(sidecar).PublishEventAsync("pubsub", "orders", new OrderPlaced("while-sick", 1));
        await _host.Cluster.WaitForIdleAsync();

        Assert.False(sidecar.Health.IsHealthy);
        Assert.Empty(_host.Recorder.At("/events/orders"));
        Assert.Equal(1, _host.Cluster.Deliveries.Parked);
    }

}
