using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
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
                r => r.Status < 300 || (_policy.Retry?.RetriesHttpStatus(r.Status) ?? true),
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
    private async Task<(Outcome Outcome, int Status)> PostAndDeadLetterDropAsync(string route, byte[] body, JsonObject cloudEvent, BrokerMessage message, CancellationToken cancellationToken)
    {
        var result = await PostAsync(route, body, cloudEvent, message, cancellationToken).ConfigureAwait(false);
        var undeliverable = result.Outcome == Outcome.Drop && !string.IsNullOrEmpty(_subscription.DeadLetterTopic)
            && !await DeadLetterAsync(message, cancellationToken).ConfigureAwait(false);
        return undeliverable ? (Outcome.Retry, result.Status) : result;
    }

    private async Task<(Outcome Outcome, int Status)> PostAsync(string route, byte[] body, JsonObject cloudEvent, BrokerMessage message, CancellationToken cancellationToken)
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
        if (response.StatusCode == HttpStatusCode.NotFound) return (Outcome.NotFound, status);
        if (!response.IsSuccessStatusCode) return (Outcome.Retry, status);
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
            null or "" or "SUCCESS" => (Outcome.Success, status),
            "DROP" => (Outcome.Drop, status),
            _ => (Outcome.Retry, status),
        };
    }
}
