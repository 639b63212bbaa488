using System.Text.Json;
using Dapr.AppCallback.Autogen.Grpc.v1;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// Reads an app's `GET /dapr/subscribe` answer (dapr pkg/runtime/pubsub/subscriptions.go,
/// docs/dapr-sidecar.md §A.1). Keys match case-insensitively, as Go's JSON decoder matches them; rules keep
/// their order and the default route (routes.default, else route) comes last.
/// </summary>
public static class SubscriptionDiscovery
{
    public static IReadOnlyList<SubscriptionResource> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("/dapr/subscribe must answer a JSON array");
        var subscriptions = new List<SubscriptionResource>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var rules = new List<RouteRule>();
            var routes = Get(item, "routes");
            if (routes is { ValueKind: JsonValueKind.Object } r && Get(r, "rules") is { ValueKind: JsonValueKind.Array } list)
            {
                rules.AddRange(list.EnumerateArray().Select(rule => new RouteRule(Text(rule, "match"), Text(rule, "path") ?? "")));
            }
            var fallback = routes is { } rr && Text(rr, "default") is { Length: > 0 } d ? d : Text(item, "route");
            if (!string.IsNullOrEmpty(fallback)) rules.Add(new RouteRule(null, fallback));
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Get(item, "metadata") is { ValueKind: JsonValueKind.Object } meta)
            {
                foreach (var property in meta.EnumerateObject()) metadata[property.Name] = property.Value.ToString();
            }
            subscriptions.Add(new SubscriptionResource(
                Text(item, "pubsubname") ?? "", Text(item, "topic") ?? "", rules, metadata, Text(item, "deadLetterTopic"), []));
        }
        return subscriptions;
    }

    /// <summary>
    /// The subscriptions an app that speaks gRPC lists (GetSubscriptionsGRPC, parseRoutingRulesGRPC): rules in order,
    /// then the default; with neither, one rule with the empty path, which OnTopicEvent carries as `path`.
    /// </summary>
    public static IReadOnlyList<SubscriptionResource> FromAppCallback(ListTopicSubscriptionsResponse response) =>
        response.Subscriptions.Select(s =>
        {
            var rules = s.Routes?.Rules.Select(r => new RouteRule(r.Match, r.Path)).ToList() ?? [];
            if (s.Routes?.Default is { Length: > 0 } fallback) rules.Add(new RouteRule(null, fallback));
            if (rules.Count == 0) rules.Add(new RouteRule(null, ""));
            return new SubscriptionResource(s.PubsubName, s.Topic, rules, new Dictionary<string, string>(s.Metadata, StringComparer.Ordinal),
                s.DeadLetterTopic is { Length: > 0 } deadLetter ? deadLetter : null, []);
        }).ToList();

    // Go's decoder sets the field once per matching key, so of "topic" and "Topic" the later one wins.
    private static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        JsonElement? value = null;
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) value = property.Value;
        }
        return value;
    }

    private static string? Text(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
