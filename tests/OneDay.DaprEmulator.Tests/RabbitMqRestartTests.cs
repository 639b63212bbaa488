using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The RabbitMQ broker layer across a broker crash, on a RabbitMQ node of the test's own (killed and started
/// again on its data): with components/rabbitmq's settings (durable queues, persistent messages, publisher
/// confirms) a published event is on the broker's disk before the publish returns, and the sidecar connects
/// again by itself (components-contrib v1.16 pubsub/rabbitmq/rabbitmq.go: publishSync waits for the confirm;
/// reconnectWait, 3 s by default, between attempts).
/// </summary>
public sealed class RabbitMqRestartTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private PrivateRabbitMqServer _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await PrivateRabbitMqServer.StartAsync();
        _host.Resources.WriteRabbitMqPubsub(_broker.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task B6_events_published_before_rabbitmq_crashed_reach_the_subscriber_and_publishing_resumes_when_it_is_back()
    {
        // The subscriber's durable queue is bound, then the subscriber goes away with its emulator.
        var orders = await _host.StartAppAsync("orders");
        var appPort = orders.Port;
        await _host.Cluster.WaitForIdleAsync();
        await _host.RestartEmulatorAsync();
        var publisher = await _host.StartSidecarOnlyAsync("checkout");
        var client = _host.Client(publisher);
        for (var i = 1; i <= 3; i++) await client.PublishEventAsync("pubsub", "orders", new OrderPlaced($"before-{i}", i));

        await _broker.KillAsync();
        await _broker.StartAgainAsync();
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("after", 4));
                return true;
            }
            catch (Dapr.DaprException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "publishing through the same sidecar once RabbitMQ is back");
        await _host.StartSidecarForAsync("orders", appPort);

        await _host.Recorder.WaitUntilAsync(r => r.At("/events/orders").Count >= 4, TimeSpan.FromSeconds(20));
        var bodies = _host.Recorder.At("/events/orders").Select(e => e.Body).ToList();
        Assert.All(new[] { "before-1", "before-2", "before-3", "after" },
            id => Assert.Single(bodies, body => body.Contains($"\"{id}\"", StringComparison.Ordinal)));
    }
}
