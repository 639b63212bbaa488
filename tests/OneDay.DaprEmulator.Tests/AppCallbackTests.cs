using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Dapr.Client.Autogen.Grpc.v1;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// An app that speaks gRPC to its sidecar (`--app-protocol grpc`) is served through the AppCallback service, as daprd
/// serves it (docs/dapr-invocation-and-actors-fidelity.md §3): invocation through OnInvoke, subscriptions through
/// ListTopicSubscriptions, deliveries through OnTopicEvent, health through AppCallbackHealthCheck.
/// </summary>
public sealed class AppCallbackTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private readonly int _port = LoopbackPort.Free();
    private GrpcCallbackApp _app = null!;

    private GrpcCallbackApp.Received Calls => _app.Calls;

    public async Task InitializeAsync() => _app = await GrpcCallbackApp.StartAsync(_port);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _app.DisposeAsync();
    }

    // dapr pkg/api/http/directmessaging.go (the request and the answer), pkg/channel/grpc/grpc_channel.go invokeMethodV1,
    // pkg/messaging/v1/util.go HTTPStatusFromCode and ProtobufToJSON.
    [Fact]
    public async Task D5_an_http_invocation_of_a_grpc_app_arrives_as_OnInvoke_and_its_answer_or_status_comes_back()
    {
        await _host.StartSidecarForGrpcAppAsync("orders", _port);
        var caller = await _host.StartSidecarOnlyAsync("caller");
        using var http = _host.Client(caller).CreateInvokableHttpClient("orders");

        using var accepted = await http.PostAsJsonAsync(new Uri("/orders/42?priority=high", UriKind.Relative), new { jobId = 7 });
        using var missing = await http.GetAsync(new Uri("/orders/missing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("text/plain", accepted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("accepted {\"jobId\":7}", await accepted.Content.ReadAsStringAsync());
        var (request, headers) = Calls.Invocations.First();
        Assert.Equal("orders/42", request.Method);
        Assert.Equal(HTTPExtension.Types.Verb.Post, request.HttpExtension.Verb);
        Assert.Equal("priority=high", request.HttpExtension.Querystring);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("caller", headers.GetValue("dapr-caller-app-id"));
        Assert.Equal("orders", headers.GetValue("dapr-callee-app-id"));
        Assert.StartsWith("application/json", headers.GetValue("dapr-content-type"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HTTPExtension.Types.Verb.Get, Calls.Invocations.Last().Request.HttpExtension.Verb);
        var status = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5, status.GetProperty("code").GetInt32());
        Assert.Equal("no such order", status.GetProperty("message").GetString());
    }

    // dapr pkg/runtime/pubsub/subscriptions.go GetSubscriptionsGRPC, parseRoutingRulesGRPC and
    // GRPCEnvelopeFromSubscriptionMessage.
    [Fact]
    public async Task B2_a_grpc_app_subscribes_through_ListTopicSubscriptions_and_gets_each_event_through_OnTopicEvent_on_its_route()
    {
        var orders = await _host.StartSidecarForGrpcAppAsync("orders", _port);
        var client = _host.Client(orders);

        await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("plain-order", 1));
        await client.PublishEventAsync("pubsub", "orders", new CloudEvent<OrderPlaced>(new OrderPlaced("v2-order", 2)) { Type = "v2" });
        await _host.Cluster.WaitForIdleAsync();

        var events = Calls.EventsOn("orders");
        Assert.Equal(2, events.Count);
        var plain = Assert.Single(events, e => e.Path == "orders");
        Assert.Equal("{\"orderId\":\"plain-order\",\"amount\":1}", plain.Data.ToStringUtf8());
        Assert.Equal("application/json", plain.DataContentType);
        Assert.Equal("com.dapr.event.sent", plain.Type);
        Assert.Equal("orders", plain.Source);
        Assert.Equal("1.0", plain.SpecVersion);
        Assert.False(string.IsNullOrEmpty(plain.Id));
        Assert.Equal("pubsub", plain.PubsubName);
        Assert.Equal("orders", plain.Extensions.Fields["topic"].StringValue);
        Assert.Equal("pubsub", plain.Extensions.Fields["pubsubname"].StringValue);
        Assert.StartsWith("00-", plain.Extensions.Fields["traceparent"].StringValue, StringComparison.Ordinal);
        Assert.False(plain.Extensions.Fields.ContainsKey("data"));
        var v2 = Assert.Single(events, e => e.Path == "orders/v2");
        Assert.Contains("v2-order", v2.Data.ToStringUtf8(), StringComparison.Ordinal);
    }

    // dapr pkg/runtime/subscription/postman/grpc/grpc.go Deliver: RETRY is retried (here under the component's inbound
    // policy), DROP goes to the dead-letter topic, UNIMPLEMENTED is dropped without a dead letter.
    [Fact]
    public async Task B4_RETRY_DROP_and_UNIMPLEMENTED_from_OnTopicEvent_mean_what_they_mean_to_daprd()
    {
        var orders = await _host.StartSidecarForGrpcAppAsync("orders", _port);
        var client = _host.Client(orders);

        await client.PublishEventAsync("pubsub", "orders", new Answer("retry-once"));
        await client.PublishEventAsync("pubsub", "orders", new Answer("drop"));
        await client.PublishEventAsync("pubsub", "orders", new Answer("unimplemented"));
        await _host.Cluster.WaitForIdleAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(600)); // longer than the broker's redelivery cycle

        var delivered = Calls.EventsOn("orders").GroupBy(e => JsonDocument.Parse(e.Data.Memory).RootElement.GetProperty("verdict").GetString())
            .ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(2, delivered["retry-once"]);
        Assert.Equal(1, delivered["drop"]);
        Assert.Equal(1, delivered["unimplemented"]);
        var deadLetter = Assert.Single(Calls.EventsOn("orders-dead"));
        Assert.Equal("", deadLetter.Path);
        Assert.Contains("drop", deadLetter.Data.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Equal(0, _host.Cluster.Deliveries.Parked);
    }

    // dapr pkg/channel/grpc/grpc_channel.go HealthProbe; pkg/apphealth: deliveries pause while the app is unhealthy.
    [Fact]
    public async Task A5_a_grpc_app_is_probed_through_AppCallbackHealthCheck_and_gets_no_events_while_unhealthy()
    {
        var orders = await _host.StartSidecarForGrpcAppAsync("orders", _port, healthProbeInterval: TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => Task.FromResult(Calls.HealthChecks > 0), what: "a health probe");

        Calls.Healthy = false;
        await Eventually.TrueAsync(() => Task.FromResult(!orders.Health.IsHealthy), what: "the sidecar seeing the app unhealthy");
        await _host.Client(orders).PublishEventAsync("pubsub", "orders", new OrderPlaced("while-down", 1));
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Empty(Calls.EventsOn("orders"));

        Calls.Healthy = true;
        await Eventually.TrueAsync(() => Task.FromResult(Calls.EventsOn("orders").Count == 1), what: "the event after the app recovered");
    }

    private sealed record Answer(string Verdict);
}
