using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;
using RabbitMQ.Client;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The `pubsub` component swapped for pubsub.rabbitmq, on a real RabbitMQ (a virtual host per test), as
/// components-contrib uses it (docs/dapr-pubsub-brokers.md): an exchange per topic, a queue per app id.
/// </summary>
public sealed class RabbitMqPubSubTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private RabbitMqVirtualHost _vhost = null!;

    public async Task InitializeAsync()
    {
        _vhost = await RabbitMqVirtualHost.CreateAsync();
        _host.Resources.WriteRabbitMqPubsub(_vhost.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _vhost.DisposeAsync();
    }

    [Fact]
    public async Task B6_each_app_id_gets_every_event_through_its_own_queue_and_replicas_share_it()
    {
        await _host.StartAppAsync("orders", instance: "orders-1");
        await _host.StartAppAsync("orders", instance: "orders-2");
        var audit = await _host.StartAppAsync("audit");

        for (var i = 0; i < 10; i++) await _host.Client(audit.Sidecar).PublishEventAsync("pubsub", "orders", new OrderPlaced($"o-{i}", i));
        await _host.Recorder.WaitUntilAsync(r => r.At("/events/orders").Count >= 20, TimeSpan.FromSeconds(15));

        var deliveries = _host.Recorder.At("/events/orders");
        Assert.Equal(10, deliveries.Count(d => d.AppInstance == "audit"));
        Assert.Equal(10, deliveries.Count(d => d.AppInstance.StartsWith("orders-", StringComparison.Ordinal)));
        Assert.Equal(0u, await MessagesWaitingAsync("orders-orders"));
        Assert.Equal(0u, await MessagesWaitingAsync("audit-orders"));
    }

    [Fact]
    public async Task B4_a_failed_delivery_is_requeued_by_rabbitmq_and_delivered_again()
    {
        var attempts = 0;
        await _host.StartRawAppAsync("ledger", app =>
        {
            app.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubname = "pubsub", topic = "payouts", route = "/payouts" } }));
            app.MapPost("/payouts", () => Interlocked.Increment(ref attempts) == 1 ? Results.StatusCode(500) : Results.Ok());
        });
        var publisher = await _host.StartSidecarOnlyAsync("payments");

        await _host.Client(publisher).PublishEventAsync("pubsub", "payouts", new OrderPlaced("payout-1", 10_000));

        await _host.Recorder.WaitUntilAsync(r => r.At("/payouts").Count >= 2, TimeSpan.FromSeconds(15));
        await Eventually.TrueAsync(async () => await MessagesWaitingAsync("ledger-payouts") == 0, TimeSpan.FromSeconds(10), "the queue emptied");
        Assert.Equal(2, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task B6_events_published_while_the_subscriber_is_away_wait_in_its_durable_queue_for_the_next_emulator()
    {
        var orders = await _host.StartAppAsync("orders");
        var appPort = orders.Port;
        await _host.Cluster.WaitForIdleAsync();
        await _host.RestartEmulatorAsync();
        var publisher = await _host.StartSidecarOnlyAsync("checkout");

        await _host.Client(publisher).PublishEventAsync("pubsub", "orders", new OrderPlaced("while-away", 1));
        Assert.Equal(1u, await MessagesWaitingAsync("orders-orders"));

        await _host.StartSidecarForAsync("orders", appPort);
        await _host.Recorder.WaitUntilAsync(r => r.At("/events/orders").Any(e => e.Body.Contains("while-away", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task B6_a_subscriber_is_ready_only_once_its_queue_is_bound_so_the_first_event_after_reaches_it()
    {
        var publisher = await _host.StartSidecarOnlyAsync("checkout");
        await _host.StartAppAsync("orders");

        // Published to an exchange with no queue bound, the event would be dropped by RabbitMQ.
        Assert.Equal(0u, await MessagesWaitingAsync("orders-orders"));
        await _host.Client(publisher).PublishEventAsync("pubsub", "orders", new OrderPlaced("first", 1));

        await _host.Recorder.WaitUntilAsync(r => r.At("/events/orders").Any(e => e.Body.Contains("first", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
    }

    // Contract: a subscription's queueName replaces {consumerID}-{topic} (components-contrib v1.16 pubsub/rabbitmq/rabbitmq.go Subscribe).
    [Fact]
    public async Task B6_two_app_ids_whose_subscriptions_name_one_queue_share_its_events()
    {
        foreach (var appId in new[] { "settlement-a", "settlement-b" })
        {
            await _host.StartRawAppAsync(appId, app =>
            {
                app.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubname = "pubsub", topic = "payouts", route = "/payouts", metadata = new { queueName = "shared-payouts" } } }));
                app.MapPost("/payouts", () => Results.Ok());
            });
        }
        var publisher = await _host.StartSidecarOnlyAsync("payments");

        for (var i = 0; i < 10; i++) await _host.Client(publisher).PublishEventAsync("pubsub", "payouts", new OrderPlaced($"p-{i}", i));

        await _host.Recorder.WaitUntilAsync(r => r.At("/payouts").Count >= 10, TimeSpan.FromSeconds(15));
        await Task.Delay(300);
        Assert.Equal(10, _host.Recorder.At("/payouts").Count);
        Assert.Equal(0u, await MessagesWaitingAsync("shared-payouts"));
        await Assert.ThrowsAnyAsync<Exception>(() => MessagesWaitingAsync("settlement-a-payouts"));
    }

    private async Task<uint> MessagesWaitingAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(_vhost.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
