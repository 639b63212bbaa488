using System.Net;
using System.Text;
using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.DaprEmulator.Tests.TestApp;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// Who may use a pubsub component: its `scopes` and the topic scoping metadata daprd adds to every
/// pubsub (docs/dapr-sidecar.md §D.2), with daprd's publish errors (§C.4).
/// </summary>
public sealed class PubSubScopeTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<RpcException> PublishFailsAsync(DaprClient client, string topic)
    {
        var error = await Assert.ThrowsAsync<DaprException>(() => client.PublishEventAsync("pubsub", topic, new OrderPlaced("refused", 1)));
        return Assert.IsType<RpcException>(error.InnerException);
    }

    private IEnumerable<string> ReceivedBy(string path) => _host.Recorder.At(path).Select(r => r.AppInstance).Order(StringComparer.Ordinal);

    [Fact]
    public async Task D2_an_app_outside_the_components_scopes_finds_no_such_pubsub_and_receives_none_of_its_messages()
    {
        _host.Resources.WritePubsub(scopes: ["orders", "checkout"]);
        await _host.StartAppAsync("orders");
        var audit = await _host.StartAppAsync("audit");
        var checkout = await _host.StartSidecarOnlyAsync("checkout");

        var refused = await PublishFailsAsync(_host.Client(audit.Sidecar), "orders");
        await _host.Client(checkout).PublishEventAsync("pubsub", "orders", new OrderPlaced("scoped", 1));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("pubsub pubsub is not found", refused.Status.Detail);
        Assert.Equal(["orders"], ReceivedBy("/events/orders"));
        Assert.DoesNotContain(audit.Sidecar.PubSub.Subscriptions, s => s.PubsubName == "pubsub");
    }

    [Fact]
    public async Task C4_publishing_a_topic_outside_the_apps_publishingScopes_is_PermissionDenied_and_HTTP_403_ERR_PUBSUB_FORBIDDEN()
    {
        _host.Resources.WritePubsub(new Dictionary<string, string> { ["publishingScopes"] = "checkout=orders;audit=" });
        var orders = await _host.StartAppAsync("orders");
        var checkout = await _host.StartSidecarOnlyAsync("checkout");
        var audit = await _host.StartSidecarOnlyAsync("audit");
        using var http = new HttpClient { BaseAddress = checkout.HttpEndpoint };

        var offTopic = await PublishFailsAsync(_host.Client(checkout), "notes");
        var unlisted = await PublishFailsAsync(_host.Client(audit), "orders");
        using var overHttp = await http.PostAsync(new Uri("/v1.0/publish/pubsub/notes", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        await _host.Client(checkout).PublishEventAsync("pubsub", "orders", new OrderPlaced("listed", 1));
        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "notes", new OrderPlaced("unscoped app", 2));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(StatusCode.PermissionDenied, offTopic.StatusCode);
        Assert.Equal("topic notes is not allowed for app id checkout", offTopic.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, unlisted.StatusCode);
        Assert.Equal("topic orders is not allowed for app id audit", unlisted.Status.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, overHttp.StatusCode);
        var error = JsonDocument.Parse(await overHttp.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ERR_PUBSUB_FORBIDDEN", error.GetProperty("errorCode").GetString());
        Assert.Equal("topic notes is not allowed for app id checkout", error.GetProperty("message").GetString());
        Assert.Single(_host.Recorder.At("/events/orders"));
        Assert.Single(_host.Recorder.At("/events/notes"));
    }

    [Fact]
    public async Task D2_a_subscriber_outside_its_subscriptionScopes_receives_nothing_on_that_topic()
    {
        _host.Resources.WritePubsub(new Dictionary<string, string> { ["subscriptionScopes"] = "audit=notes" });
        var orders = await _host.StartAppAsync("orders");
        await _host.StartAppAsync("audit");

        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "orders", new OrderPlaced("o", 1));
        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "notes", new OrderPlaced("n", 2));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(["orders"], ReceivedBy("/events/orders"));
        Assert.Equal(["audit", "orders"], ReceivedBy("/events/notes"));
    }

    [Fact]
    public async Task D2_allowedTopics_closes_every_other_topic_to_every_app_for_publishing_and_subscribing()
    {
        _host.Resources.WritePubsub(new Dictionary<string, string> { ["allowedTopics"] = "orders, drops" });
        var orders = await _host.StartAppAsync("orders");
        var client = _host.Client(orders.Sidecar);

        var closed = await PublishFailsAsync(client, "notes");
        await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("open", 1));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(StatusCode.PermissionDenied, closed.StatusCode);
        Assert.Single(_host.Recorder.At("/events/orders"));
        Assert.Equal(["drops", "orders"],
            orders.Sidecar.PubSub.Subscriptions.Where(s => s.PubsubName == "pubsub").Select(s => s.Topic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task D2_a_protected_topic_is_open_only_to_apps_whose_scopes_name_it()
    {
        _host.Resources.WritePubsub(new Dictionary<string, string>
        {
            ["protectedTopics"] = "orders",
            ["publishingScopes"] = "checkout=orders",
            ["subscriptionScopes"] = "audit=orders",
        });
        var orders = await _host.StartAppAsync("orders");
        await _host.StartAppAsync("audit");
        var checkout = await _host.StartSidecarOnlyAsync("checkout");

        var unscoped = await PublishFailsAsync(_host.Client(orders.Sidecar), "orders");
        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "notes", new OrderPlaced("unprotected", 1));
        await _host.Client(checkout).PublishEventAsync("pubsub", "orders", new OrderPlaced("protected", 2));
        await _host.Cluster.WaitForIdleAsync();

        Assert.Equal(StatusCode.PermissionDenied, unscoped.StatusCode);
        Assert.Equal(["audit"], ReceivedBy("/events/orders"));
        Assert.Equal(["orders"], ReceivedBy("/events/notes"));
    }

    [Fact]
    public async Task B4_a_dead_letter_topic_outside_the_subscribers_publishingScopes_leaves_the_message_with_the_broker()
    {
        _host.Resources.WritePubsub(new Dictionary<string, string> { ["publishingScopes"] = "orders=orders" });
        await _host.StartAppAsync("orders");
        var checkout = await _host.StartSidecarOnlyAsync("checkout");

        await _host.Client(checkout).PublishEventAsync("pubsub", "drops", new OrderPlaced("undeliverable", 1));

        // 1 + 3 retries under the inbound policy, then again once the broker redelivers it.
        await _host.Recorder.WaitUntilAsync(r => r.At("/events/dropper").Count >= 5);
        Assert.Empty(_host.Recorder.At("/events/dead"));
    }
}
