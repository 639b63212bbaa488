using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Resiliency;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// Delivers a topic's messages to one sidecar's app (dapr pkg/runtime/subscription/subscription.go,
/// postman/http/http.go; docs/dapr-sidecar.md §B.2–§B.4): picks the route by rule, POSTs the CloudEvent as
/// application/cloudevents+json, reads SUCCESS / RETRY / DROP, retries under the component's inbound
/// resiliency policy (none = one attempt), then dead-letters the original message when the subscription
/// has a deadLetterTopic, else leaves it unacknowledged for the broker to redeliver. A 404 from the app
/// is acknowledged and discarded; DROP and unmatched events go to the dead-letter topic when there is one.
/// </summary>
public sealed class SubscriptionDelivery : IMessageHandler
{
    private readonly Sidecar _sidecar;
    private readonly PubSubComponent _pubsub;
    private readonly SubscriptionResource _subscription;
    private readonly List<(RouteExpression? Match, string Path)> _routes;
    private readonly ResiliencyPolicy _policy;

    public SubscriptionDelivery(Sidecar sidecar, PubSubComponent pubsub, SubscriptionResource subscription)
    {
        _sidecar = sidecar;
        _pubsub = pubsub;
        _subscription = subscription;
        _routes = subscription.Rules
            .Select(r => (string.IsNullOrWhiteSpace(r.Match) ? null : RouteExpression.Parse(r.Match), r.Path))
            .ToList();
        _policy = sidecar.Resources.Resiliency.ForComponentInbound(pubsub.Resource.Name, "Pubsub");
    }

    private enum Outcome { Success, Retry, Drop, NotFound }

    public async Task<bool> HandleAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        // An unhealthy app gets nothing; the message stays with the broker for redelivery.
        if (!_sidecar.Health.IsHealthy) return false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sidecar.Stopping);
        byte[] body;
        JsonObject cloudEvent;
        try
        {
            body = _subscription.RawPayload ? CloudEventEnvelope.WrapRaw(message, _pubsub.Resource.Name) : message.Data;
            cloudEvent = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            _sidecar.Logger.LogError("message on {Topic} is not a JSON object: {Error}", message.Topic, ex.Message);
            return await DeadLetterAsync(message, stop.Token).ConfigureAwait(false);
        }

        if (cloudEvent["expiration"]?.GetValue<string>() is { } expiration &&
            DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresAt) &&
            expiresAt < _sidecar.Cluster.Time.GetUtcNow())
        {
            _sidecar.Logger.LogWarning("dropping expired message {Id} on {Topic}", cloudEvent["id"], message.Topic);
            await DeadLetterAsync(message, stop.Token).ConfigureAwait(false);
            return true;
        }

        var route = _routes.FirstOrDefault(r => r.Match is null || r.Match.Matches(cloudEvent)).Path;
        if (route is null)
        {
            _sidecar.Logger.LogWarning("no route matched message {Id} on {Topic}: dropped", cloudEvent["id"], message.Topic);
            await DeadLetterAsync(message, stop.Token).ConfigureAwait(false);
            return true;
        }

        Outcome outcome;
        try
        {
            var result = await _policy.ExecuteAsync(
                attempt => PostAndDeadLetterDropAsync(route, body, cloudEvent, message, attempt),
                r => r.Outcome == Outcome.Retry,
                r => r.MatchesRetryPolicy,
                stop.Token).ConfigureAwait(false);
            outcome = result.Outcome;
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            _sidecar.Logger.LogWarning("delivering {Id} on {Topic} to {AppId} failed: {Error}", cloudEvent["id"], message.Topic, _sidecar.AppId, ex.Message);
            outcome = Outcome.Retry;
        }

        switch (outcome)
        {
            case Outcome.Success:
                return true;
            case Outcome.NotFound:
                _sidecar.Logger.LogError("app {AppId} answered 404 for topic {Topic}: message discarded", _sidecar.AppId, message.Topic);
                return true;
            case Outcome.Drop:
                _sidecar.Logger.LogWarning("app {AppId} dropped message {Id} on {Topic}", _sidecar.AppId, cloudEvent["id"], message.Topic);
                return true;
            default:
                return await DeadLetterAsync(message, stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes the original message to the dead-letter topic; false when there is none or when the
    /// subscriber's own publishing scopes forbid it (daprd dead-letters through its publisher).
    /// </summary>
    private async Task<bool> DeadLetterAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_subscription.DeadLetterTopic)) return false;
        if (!_pubsub.Scopes.MayPublish(_subscription.DeadLetterTopic))
        {
            _sidecar.Logger.LogWarning("dead letter of a message on {Topic}: {Error}", message.Topic,
                DaprApiException.PublishForbidden(_subscription.DeadLetterTopic, _sidecar.AppId).Message);
            return false;
        }
        try
        {
            await _pubsub.Broker.PublishAsync(message with { Topic = _subscription.DeadLetterTopic }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BrokerUnavailableException ex)
        {
            _sidecar.Logger.LogWarning("dead letter of a message on {Topic}: {Error}", message.Topic, ex.Message);
            return false;
        }
    }

    // daprd dead-letters a DROP inside the retry loop; a dead letter it cannot publish turns the DROP into
    // a failure, retried like one and finally left with the broker.
    private async Task<(Outcome Outcome, bool MatchesRetryPolicy)> PostAndDeadLetterDropAsync(string route, byte[] body, JsonObject cloudEvent, BrokerMessage message, CancellationToken cancellationToken)
    {
        var result = _sidecar.AppCallback is { } callback
            ? await SendTopicEventAsync(callback, route, cloudEvent, message, cancellationToken).ConfigureAwait(false)
            : await PostAsync(route, body, cloudEvent, message, cancellationToken).ConfigureAwait(false);
        var undeliverable = result.Outcome == Outcome.Drop && !string.IsNullOrEmpty(_subscription.DeadLetterTopic)
            && !await DeadLetterAsync(message, cancellationToken).ConfigureAwait(false);
        return undeliverable ? (Outcome.Retry, result.MatchesRetryPolicy) : result;
    }

    /// <summary>
    /// Delivery to an app that speaks gRPC (dapr pkg/runtime/subscription/postman/grpc/grpc.go Deliver): the status in
    /// the answer decides (SUCCESS, also when unset; RETRY; DROP; anything else is retried); an UNIMPLEMENTED error is
    /// a drop that is not dead-lettered, any other error a retry judged by the policy's gRPC codes.
    /// </summary>
    private async Task<(Outcome Outcome, bool MatchesRetryPolicy)> SendTopicEventAsync(AppCallbackChannel callback, string route, JsonObject cloudEvent, BrokerMessage message, CancellationToken cancellationToken)
    {
        TopicEventRequest request;
        try
        {
            request = TopicEventEnvelope.FromCloudEvent(cloudEvent, message.Topic, _pubsub.Resource.Name, route);
        }
        catch (FormatException ex)
        {
            _sidecar.Logger.LogWarning("message {Id} on {Topic} cannot be sent to {AppId}: {Error}", cloudEvent["id"], message.Topic, _sidecar.AppId, ex.Message);
            return (Outcome.Retry, true);
        }
        var metadata = new Metadata();
        foreach (var (key, value) in message.Metadata.Append(new("pubsubName", _pubsub.Resource.Name)))
        {
            try
            {
                metadata.Add(key.ToLowerInvariant(), value);
            }
            catch (ArgumentException)
            {
                // Not a valid metadata key: it cannot travel over gRPC.
            }
        }
        try
        {
            var answer = await callback.OnTopicEventAsync(request, metadata, cancellationToken).ConfigureAwait(false);
            return answer.Status switch
            {
                TopicEventResponse.Types.TopicEventResponseStatus.Success => (Outcome.Success, true),
                TopicEventResponse.Types.TopicEventResponseStatus.Drop => (Outcome.Drop, true),
                _ => (Outcome.Retry, true),
            };
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            return (Outcome.NotFound, true);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            _sidecar.Logger.LogWarning("app {AppId} failed message {Id} on {Topic}: {Status}", _sidecar.AppId, cloudEvent["id"], message.Topic, ex.Status);
            return (Outcome.Retry, _policy.Retry?.RetriesGrpcStatus((int)ex.StatusCode) ?? true);
        }
    }

    private async Task<(Outcome Outcome, bool MatchesRetryPolicy)> PostAsync(string route, byte[] body, JsonObject cloudEvent, BrokerMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + route.TrimStart('/'))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(CloudEventEnvelope.CloudEventsContentType);
        foreach (var (key, value) in message.Metadata) request.Headers.TryAddWithoutValidation(key, value);
        request.Headers.TryAddWithoutValidation("pubsubName", _pubsub.Resource.Name);
        foreach (var header in new[] { "traceparent", "tracestate" })
        {
            if (cloudEvent[header]?.GetValueKind() == JsonValueKind.String && cloudEvent[header]!.GetValue<string>() is { Length: > 0 } value)
            {
                request.Headers.Remove(header);
                request.Headers.TryAddWithoutValidation(header, value);
            }
        }

        using var response = await _sidecar.App!.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotFound) return (Outcome.NotFound, true);
        if (!response.IsSuccessStatusCode) return (Outcome.Retry, _policy.Retry?.RetriesHttpStatus(status) ?? true);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? verdict = null;
        try
        {
            if (JsonNode.Parse(text) is JsonObject answer && answer["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.String) verdict = s.GetValue<string>();
        }
        catch (JsonException)
        {
            // A body that is not JSON means success, as in daprd.
        }
        return verdict switch
        {
            null or "" or "SUCCESS" => (Outcome.Success, true),
            "DROP" => (Outcome.Drop, true),
            _ => (Outcome.Retry, true),
        };
    }
}
