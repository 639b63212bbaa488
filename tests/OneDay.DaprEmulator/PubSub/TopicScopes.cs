namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// Topic scoping metadata of a pubsub component (dapr pkg/runtime/pubsub/scopes.go, docs
/// "Scope Pub/sub topic access"): `allowedTopics` limits every app; `publishingScopes` and
/// `subscriptionScopes` ("app1=t1,t2;app2=") limit the apps they name.
/// </summary>
public sealed class TopicScopes
{
    private readonly HashSet<string>? _allowed;
    private readonly HashSet<string>? _publish;
    private readonly HashSet<string>? _subscribe;

    public TopicScopes(IReadOnlyDictionary<string, string> metadata, string appId)
    {
        _allowed = metadata.TryGetValue("allowedTopics", out var allowed) ? Split(allowed, ',') : null;
        _publish = ForApp(metadata.GetValueOrDefault("publishingScopes"), appId);
        _subscribe = ForApp(metadata.GetValueOrDefault("subscriptionScopes"), appId);
    }

    public bool MayPublish(string topic) => (_allowed?.Contains(topic) ?? true) && (_publish?.Contains(topic) ?? true);

    public bool MaySubscribe(string topic) => (_allowed?.Contains(topic) ?? true) && (_subscribe?.Contains(topic) ?? true);

    private static HashSet<string>? ForApp(string? scopes, string appId)
    {
        if (string.IsNullOrWhiteSpace(scopes)) return null;
        foreach (var entry in scopes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2);
            if (parts[0] == appId) return Split(parts.Length > 1 ? parts[1] : "", ',');
        }
        return null;
    }

    private static HashSet<string> Split(string list, char separator) =>
        list.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
