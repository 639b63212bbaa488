using System.Text.Json;
using Dapr;
using Dapr.Client;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>Pub/sub as daprd does it: DAPR-CONTRACTS §A.1 (subscriptions), §B.1–§B.6 (delivery).</summary>
public sealed class PubSubTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task B1_published_object_arrives_in_daprds_cloud_event_envelope()
    {
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
}
