using System.Text.Json;
using Dapr;
using Dapr.Client;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Pub/sub as daprd does it: docs/dapr-sidecar.md §A.1 (subscriptions), §B.1–§B.6 (delivery). The theories hold for
/// both brokers a component can name, Redis Streams and RabbitMQ (docs/dapr-pubsub-brokers.md); the facts are about
/// one broker's behaviour (the Redis Streams redelivery cycle, a consumer group reading from the stream's start) or
/// about no broker at all.
/// </summary>
public sealed class PubSubTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private RabbitMqVirtualHost? _vhost;

    public enum Broker { RedisStreams, RabbitMq }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (_vhost is not null) await _vhost.DisposeAsync();
    }

    /// <summary>The `pubsub` component on the given broker (RabbitMQ: a virtual host of its own), before any sidecar starts.</summary>
    private async Task OnAsync(Broker broker)
    {
        if (broker != Broker.RabbitMq) return;
        _vhost = await RabbitMqVirtualHost.CreateAsync();
        _host.Resources.WriteRabbitMqPubsub(_vhost.ConnectionString);
    }

    /// <summary>Starts the `orders` app, publishes one event from its sidecar and waits until every delivery has settled.</summary>
    private async Task PublishFromOrdersAsync<TData>(string pubsubName, string topic, TData data, Dictionary<string, string>? metadata = null)
    {
        var orders = await _host.StartAppAsync("orders");
        await _host.Client(orders.Sidecar).PublishEventAsync(pubsubName, topic, data, metadata ?? []);
        await _host.Cluster.WaitForIdleAsync();
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task B1_published_object_arrives_in_daprds_cloud_event_envelope(Broker broker)
    {
        await OnAsync(broker);
        var orders = await _host.StartAppAsync("orders");
        var publisher = await _host.StartAppAsync("checkout");

        await _host.Client(publisher.Sidecar).PublishEventAsync("pubsub", "orders", new OrderPlaced("o-1", 15000));
        await _host.Cluster.WaitForIdleAsync();

        var delivery = Assert.Single(_host.Recorder.At("/events/orders"), r => r.AppInstance == "orders");
        Assert.StartsWith("application/cloudevents+json", delivery.ContentType, StringComparison.Ordinal);
        var envelope = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.True(Guid.TryParse(envelope.GetProperty("id").GetString(), out _));
        Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
        Assert.Equal("application/json", envelope.GetProperty("datacontenttype").GetString());
        Assert.Equal("checkout", envelope.GetProperty("source").GetString());
        Assert.Equal("com.dapr.event.sent", envelope.GetProperty("type").GetString());
        Assert.Equal("orders", envelope.GetProperty("topic").GetString());
        Assert.Equal("pubsub", envelope.GetProperty("pubsubname").GetString());
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", envelope.GetProperty("traceparent").GetString());
        Assert.Equal(envelope.GetProperty("traceparent").GetString(), envelope.GetProperty("traceid").GetString());
        Assert.True(DateTimeOffset.TryParse(envelope.GetProperty("time").GetString(), out _));
        Assert.Equal("o-1", envelope.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal(15000, envelope.GetProperty("data").GetProperty("amount").GetInt32());
        Assert.Equal("pubsub", delivery.Headers["pubsubname"]);
        Assert.Equal(envelope.GetProperty("traceparent").GetString(), delivery.Headers["traceparent"]);
    }

    [Fact]
    public async Task A1_subscriptions_from_WithTopic_and_Topic_attribute_are_discovered_and_served()
    {
        var orders = await _host.StartAppAsync("orders");
        var client = _host.Client(orders.Sidecar);

        var metadata = await client.GetMetadataAsync();
        await client.PublishEventAsync("pubsub", "attributed", new OrderPlaced("o-2", 1));
        await _host.Cluster.WaitForIdleAsync();

        var topics = orders.Sidecar.PubSub.Subscriptions.Select(s => s.Topic).ToList();
        Assert.Contains("attributed", topics);
        Assert.Contains("orders", topics);
        Assert.Contains("drops", topics);
        Assert.Equal("drops-dead", orders.Sidecar.PubSub.Subscriptions.Single(s => s.Topic == "drops").DeadLetterTopic);
        Assert.Equal("orders", metadata.Id);
        Assert.Single(_host.Recorder.At("/events/attributed"));
    }

    [Fact]
    public async Task A1_subscribe_keys_are_read_whatever_their_case_the_last_of_two_spellings_winning()
    {
        // Dapr.AspNetCore always writes camelCase; other SDKs and hand-written apps need not.
        var sidecar = await _host.StartRawAppAsync("shouty", app =>
        {
            app.MapGet("/dapr/subscribe", () => Results.Text("""
                [{"PubSubName": "pubsub", "Topic": "shouted", "Route": "/raw/shouted", "DeadLetterTopic": "shouted-dead",
                  "METADATA": {"rawPayload": "true"}},
                 {"pubsubname": "nope", "PUBSUBNAME": "pubsub", "TOPIC": "ruled",
                  "ROUTES": {"RULES": [{"MATCH": "event.type == \"v2\"", "PATH": "raw/ruled-v2"}], "DEFAULT": "raw/ruled"}}]
                """, "application/json"));
            app.MapPost("/raw/{event}", () => Results.Ok());
        });
        var client = _host.Client(sidecar);

        await client.PublishEventAsync("pubsub", "shouted", new OrderPlaced("shouted", 1));
        await client.PublishEventAsync("pubsub", "ruled", new CloudEvent<OrderPlaced>(new OrderPlaced("v2-order", 2)) { Type = "v2" });
        await client.PublishEventAsync("pubsub", "ruled", new OrderPlaced("plain-order", 3));
        await _host.Cluster.WaitForIdleAsync();

        var shouted = JsonDocument.Parse(Assert.Single(_host.Recorder.At("/raw/shouted")).Body).RootElement;
        Assert.True(shouted.TryGetProperty("data_base64", out _), "the rawPayload metadata applies");
        Assert.Equal("shouted-dead", sidecar.PubSub.Subscriptions.Single(s => s.Topic == "shouted").DeadLetterTopic);
        Assert.Contains("v2-order", Assert.Single(_host.Recorder.At("/raw/ruled-v2")).Body, StringComparison.Ordinal);
        Assert.Contains("plain-order", Assert.Single(_host.Recorder.At("/raw/ruled")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task A1_routing_rule_on_event_type_picks_the_matching_route_and_the_default_takes_the_rest(Broker broker)
    {
        await OnAsync(broker);
        var orders = await _host.StartAppAsync("orders");
        var client = _host.Client(orders.Sidecar);

        await client.PublishEventAsync("pubsub", "orders", new CloudEvent<OrderPlaced>(new OrderPlaced("v2-order", 2)) { Type = "v2" });
        await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("plain-order", 1));
        await _host.Cluster.WaitForIdleAsync();

        var v2 = Assert.Single(_host.Recorder.At("/events/orders-v2"));
        Assert.Contains("v2-order", v2.Body, StringComparison.Ordinal);
        var plain = Assert.Single(_host.Recorder.At("/events/orders"));
        Assert.Contains("plain-order", plain.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task B1_a_cloud_event_published_as_such_keeps_its_fields_and_gets_topic_and_pubsub(Broker broker)
    {
        await OnAsync(broker);
        await PublishFromOrdersAsync("pubsub", "orders",
            new CloudEvent<OrderPlaced>(new OrderPlaced("ce", 3)) { Source = new Uri("urn:oneday:jobs"), Type = "job.created" });

        var envelope = JsonDocument.Parse(Assert.Single(_host.Recorder.At("/events/orders")).Body).RootElement;
        Assert.Equal("urn:oneday:jobs", envelope.GetProperty("source").GetString());
        Assert.Equal("job.created", envelope.GetProperty("type").GetString());
        Assert.Equal("orders", envelope.GetProperty("topic").GetString());
        Assert.Equal("pubsub", envelope.GetProperty("pubsubname").GetString());
        Assert.False(envelope.TryGetProperty("id", out _), "daprd does not add an id to a CloudEvent the app built");
    }

    [Fact]
    public async Task B3_404_from_the_subscriber_is_discarded_without_retry_or_dead_letter()
    {
        await PublishFromOrdersAsync("pubsub", "gone", new OrderPlaced("404", 1));
        await Task.Delay(TimeSpan.FromMilliseconds(700)); // longer than the broker's redelivery cycle

        Assert.Single(_host.Recorder.At("/events/missing"));
        Assert.Equal(0, _host.Cluster.Deliveries.Parked);
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task B3_RETRY_is_redelivered_under_the_inbound_resiliency_policy_until_success(Broker broker)
    {
        await OnAsync(broker);
        await PublishFromOrdersAsync("pubsub", "flaky", new OrderPlaced("retry-me", 1));

        Assert.Equal(3, _host.Recorder.At("/events/flaky").Count);
        Assert.Equal(0, _host.Cluster.Deliveries.Parked);
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task B4_DROP_sends_the_original_message_to_the_dead_letter_topic(Broker broker)
    {
        await OnAsync(broker);
        await PublishFromOrdersAsync("pubsub", "drops", new OrderPlaced("dropped", 1));

        var original = JsonDocument.Parse(Assert.Single(_host.Recorder.At("/events/dropper")).Body).RootElement;
        var dead = JsonDocument.Parse(Assert.Single(_host.Recorder.At("/events/dead")).Body).RootElement;
        Assert.Equal(original.GetProperty("id").GetString(), dead.GetProperty("id").GetString());
        Assert.Equal("drops", dead.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task B4_without_a_dead_letter_topic_a_failing_message_stays_with_the_broker_and_is_redelivered()
    {
        var orders = await _host.StartAppAsync("orders");

        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "failing", new OrderPlaced("stuck", 1));

        // 1 + 3 retries under the resiliency policy, then again after the broker's redelivery interval.
        await _host.Recorder.WaitUntilAsync(r => r.At("/events/failing").Count >= 8);
    }

    [Fact]
    public async Task B4_without_a_resiliency_policy_a_failing_delivery_is_tried_once()
    {
        await PublishFromOrdersAsync("plain", "once", new OrderPlaced("once", 1));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Single(_host.Recorder.At("/events/once"));
        Assert.Equal(1, _host.Cluster.Deliveries.Parked);
    }

    [Fact]
    public async Task B6_replicas_of_one_app_id_compete_while_every_app_id_gets_every_message()
    {
        await _host.StartAppAsync("orders", instance: "orders-a");
        await _host.StartAppAsync("orders", instance: "orders-b");
        var audit = await _host.StartAppAsync("audit");
        var client = _host.Client(audit.Sidecar);

        for (var i = 0; i < 20; i++) await client.PublishEventAsync("pubsub", "orders", new OrderPlaced($"o-{i}", i));
        await _host.Cluster.WaitForIdleAsync();

        var received = _host.Recorder.At("/events/orders");
        var byOrders = received.Where(r => r.AppInstance.StartsWith("orders-", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, byOrders.Count);
        Assert.Equal(20, byOrders.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()).Distinct().Count());
        Assert.Contains(byOrders, r => r.AppInstance == "orders-a");
        Assert.Contains(byOrders, r => r.AppInstance == "orders-b");
        Assert.Equal(20, received.Count(r => r.AppInstance == "audit"));
    }

    [Fact]
    public async Task B6_a_subscriber_that_starts_later_still_receives_what_was_published_before()
    {
        var publisher = await _host.StartSidecarOnlyAsync("checkout");
        await _host.Client(publisher).PublishEventAsync("pubsub", "orders", new OrderPlaced("early", 1));

        await _host.StartAppAsync("orders");
        await _host.Cluster.WaitForIdleAsync();

        Assert.Contains("early", Assert.Single(_host.Recorder.At("/events/orders")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Broker.RedisStreams)]
    [InlineData(Broker.RabbitMq)]
    public async Task B1_B2_raw_payload_is_published_without_envelope_and_handed_over_as_bytes(Broker broker)
    {
        await OnAsync(broker);
        await PublishFromOrdersAsync("pubsub", "raw", new OrderPlaced("raw", 7),
            new Dictionary<string, string> { ["rawPayload"] = "true" });

        var delivery = Assert.Single(_host.Recorder.At("/events/raw"));
        var envelope = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal("application/octet-stream", envelope.GetProperty("datacontenttype").GetString());
        var bytes = Convert.FromBase64String(envelope.GetProperty("data_base64").GetString()!);
        Assert.Equal("raw", JsonDocument.Parse(bytes).RootElement.GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task C2_bulk_publish_falls_back_to_the_alpha_api_and_delivers_every_entry()
    {
        var orders = await _host.StartAppAsync("orders");

        var result = await _host.Client(orders.Sidecar).BulkPublishEventAsync("pubsub", "orders",
            [new OrderPlaced("b-1", 1), new OrderPlaced("b-2", 2)]);
        await _host.Cluster.WaitForIdleAsync();

        Assert.Empty(result.FailedEntries);
        Assert.Equal(2, _host.Recorder.At("/events/orders").Count);
    }

    [Fact]
    public async Task C4_publishing_to_an_unknown_pubsub_fails_with_invalid_argument()
    {
        var orders = await _host.StartAppAsync("orders");

        var error = await Assert.ThrowsAsync<DaprException>(() =>
            _host.Client(orders.Sidecar).PublishEventAsync("nope", "orders", new OrderPlaced("x", 1)));

        var rpc = Assert.IsType<Grpc.Core.RpcException>(error.InnerException);
        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Contains("pubsub nope is not found", rpc.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B5_an_expired_message_is_not_delivered()
    {
        var publisher = await _host.StartSidecarOnlyAsync("checkout");
        await _host.Client(publisher).PublishEventAsync("pubsub", "orders", new OrderPlaced("expired", 1),
            new Dictionary<string, string> { ["ttlInSeconds"] = "1" });
        await Task.Delay(TimeSpan.FromSeconds(2.2)); // the envelope's expiration has second precision

        await _host.StartAppAsync("orders");
        await _host.Cluster.WaitForIdleAsync();

        Assert.Empty(_host.Recorder.At("/events/orders"));
    }
}
