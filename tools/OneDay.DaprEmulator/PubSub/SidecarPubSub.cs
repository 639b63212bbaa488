using System.Net;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>A publish request as the HTTP and gRPC APIs receive it.</summary>
public sealed record PublishRequest(string PubsubName, string Topic, byte[] Data, string? ContentType, IReadOnlyDictionary<string, string> Metadata, string? TraceParent, string? TraceState);

/// <summary>
/// One sidecar's pub/sub: publishing through its pubsub components, and its app's subscriptions.
/// </summary>
public sealed class SidecarPubSub(Sidecar sidecar)
{
    private readonly List<IDisposable> _memberships = [];
    private IReadOnlyList<SubscriptionResource> _subscriptions = [];

    public IReadOnlyList<SubscriptionResource> Subscriptions => _subscriptions;

    public async Task PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.PubsubName)) throw DaprApiException.PubsubEmpty();
        if (!sidecar.Components.PubSubs.TryGetValue(request.PubsubName, out var pubsub)) throw DaprApiException.PubsubNotFound(request.PubsubName);
        if (string.IsNullOrEmpty(request.Topic)) throw DaprApiException.TopicEmpty(request.PubsubName);
        if (!pubsub.Scopes.MayPublish(request.Topic)) throw DaprApiException.PublishForbidden(request.Topic, sidecar.AppId);

        var trace = TraceContext.ChildOf(request.TraceParent, request.TraceState);
        var envelope = CloudEventEnvelope.Build(request.Data, request.ContentType, request.Metadata, sidecar.AppId,
            request.PubsubName, request.Topic, trace, sidecar.Cluster.Time.GetUtcNow());
        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal);
        if (CloudEventEnvelope.IsRawPayload(request.Metadata))
        {
            metadata["traceid"] = trace.TraceParent;
            metadata["tracestate"] = trace.TraceState;
        }
        try
        {
            await pubsub.Broker.PublishAsync(new BrokerMessage(request.Topic, envelope, metadata), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerUnavailableException ex)
        {
            throw DaprApiException.PublishFailed(request.Topic, request.PubsubName, ex.Message);
        }
    }

    /// <summary>Reads the app's programmatic subscriptions, adds the declarative ones, and joins the brokers.</summary>
    public async Task DiscoverAndSubscribeAsync(CancellationToken cancellationToken)
    {
        if (sidecar.App is null) return;
        var subscriptions = new List<SubscriptionResource>(await DiscoverAsync(cancellationToken).ConfigureAwait(false));
        subscriptions.AddRange(sidecar.Resources.Subscriptions);
        var accepted = new List<SubscriptionResource>();
        foreach (var subscription in subscriptions)
        {
            if (!sidecar.Components.PubSubs.TryGetValue(subscription.PubsubName, out var pubsub))
            {
                sidecar.Logger.LogWarning("subscription to topic {Topic}: pubsub {Pubsub} not found", subscription.Topic, subscription.PubsubName);
                continue;
            }
            if (!pubsub.Scopes.MaySubscribe(subscription.Topic))
            {
                sidecar.Logger.LogWarning("subscription to topic {Topic} on {Pubsub} is not allowed for {AppId}", subscription.Topic, subscription.PubsubName, sidecar.AppId);
                continue;
            }
            if (subscription.Rules.Count == 0)
            {
                sidecar.Logger.LogWarning("subscription to topic {Topic} has no routes and is dropped", subscription.Topic);
                continue;
            }
            SubscriptionDelivery delivery;
            try
            {
                delivery = new SubscriptionDelivery(sidecar, pubsub, subscription);
            }
            catch (FormatException ex)
            {
                sidecar.Logger.LogError("subscription to topic {Topic}: {Error}", subscription.Topic, ex.Message);
                continue;
            }
            accepted.Add(subscription);
            var membership = await pubsub.Broker.SubscribeAsync(subscription.Topic, pubsub.ConsumerId, subscription.Metadata, delivery, cancellationToken).ConfigureAwait(false);
            lock (_memberships) _memberships.Add(membership);
        }
        _subscriptions = accepted;
    }

    public void Unsubscribe()
    {
        lock (_memberships)
        {
            foreach (var membership in _memberships) membership.Dispose();
            _memberships.Clear();
        }
    }

    private async Task<IReadOnlyList<SubscriptionResource>> DiscoverAsync(CancellationToken cancellationToken)
    {
        // daprd retries with its built-in initialisation policy (3 retries, exponential backoff).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (sidecar.AppCallback is { } callback) return await DiscoverThroughAppCallbackAsync(callback, cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, "dapr/subscribe");
                request.Headers.TryAddWithoutValidation("dapr-app-id", sidecar.AppId);
                using var response = await sidecar.App!.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound) return [];
                if (!response.IsSuccessStatusCode)
                {
                    sidecar.Logger.LogError("/dapr/subscribe answered {Status}: no subscriptions", (int)response.StatusCode);
                    return [];
                }
                try
                {
                    return SubscriptionDiscovery.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                }
                catch (System.Text.Json.JsonException ex)
                {
                    // daprd logs the decoding error and runs without programmatic subscriptions.
                    sidecar.Logger.LogError("/dapr/subscribe answered something that is not a subscription list: {Error}", ex.Message);
                    return [];
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or Grpc.Core.RpcException && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * (1 << attempt)), sidecar.Cluster.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// An app that speaks gRPC lists its subscriptions through `AppCallback/ListTopicSubscriptions`; UNIMPLEMENTED
    /// means none (dapr pkg/runtime/pubsub/subscriptions.go GetSubscriptionsGRPC).
    /// </summary>
    private async Task<IReadOnlyList<SubscriptionResource>> DiscoverThroughAppCallbackAsync(Hosting.AppCallbackChannel callback, CancellationToken cancellationToken)
    {
        try
        {
            return SubscriptionDiscovery.FromAppCallback(await callback.ListTopicSubscriptionsAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Unimplemented)
        {
            sidecar.Logger.LogInformation("pubsub subscriptions: gRPC app does not implement ListTopicSubscriptions");
            return [];
        }
    }
}
