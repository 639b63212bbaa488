namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// A subscription, whether an app declared it through `/dapr/subscribe` or as a `kind: Subscription`
/// resource (dapr pkg/apis/subscriptions/v2alpha1/types.go).
/// </summary>
public sealed record SubscriptionResource(
    string PubsubName,
    string Topic,
    IReadOnlyList<RouteRule> Rules,
    IReadOnlyDictionary<string, string> Metadata,
    string? DeadLetterTopic,
    IReadOnlyList<string> Scopes)
{
    public bool RawPayload =>
        Metadata.TryGetValue("rawPayload", out var raw) && bool.TryParse(raw, out var on) && on;
}

/// <summary>A routing rule; a null match is the default route.</summary>
public sealed record RouteRule(string? Match, string Path);
