namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// Topic scoping metadata of a pubsub component as one app sees it (dapr pkg/scopes/scopes.go,
/// pkg/runtime/pubsub/adapter.go IsOperationAllowed; docs "Scope Pub/sub topic access"):
/// `allowedTopics` limits every app; `publishingScopes` and `subscriptionScopes` ("app1=t1,t2;app2=")
/// limit the apps they name; a topic in `protectedTopics` is open only to apps whose scope names it.
/// </summary>
public sealed class TopicScopes
{
    private readonly List<string> _allowed;
    private readonly List<string> _protected;
    private readonly List<string> _publishing;
    private readonly List<string> _subscribing;

    /// <param name="metadata">The component's resolved metadata, names matched case-insensitively as daprd does.</param>
    public TopicScopes(IReadOnlyDictionary<string, string> metadata, string appId)
    {
        _allowed = Topics(metadata.GetValueOrDefault("allowedTopics"));
        _protected = Topics(metadata.GetValueOrDefault("protectedTopics"));
        _publishing = ScopedTopics(metadata.GetValueOrDefault("publishingScopes"), appId);
        _subscribing = ScopedTopics(metadata.GetValueOrDefault("subscriptionScopes"), appId);
    }

    public bool MayPublish(string topic) => IsAllowed(topic, _publishing);

    public bool MaySubscribe(string topic) => IsAllowed(topic, _subscribing);

    private bool IsAllowed(string topic, List<string> scoped)
    {
        if (_allowed.Count > 0 && !_allowed.Contains(topic)) return false;
        if (scoped.Count == 0 && !_protected.Contains(topic)) return true;
        return scoped.Contains(topic);
    }

    // daprd removes every space first, skips an entry without '=', and merges repeated entries for one
    // app; "app=" yields the single topic "", so the app may use no topic at all.
    private static List<string> ScopedTopics(string? scopes, string appId)
    {
        var topics = new List<string>();
        if (string.IsNullOrEmpty(scopes)) return topics;
        foreach (var entry in scopes.Replace(" ", "", StringComparison.Ordinal).Split(';'))
        {
            var parts = entry.Split('=');
            if (parts.Length < 2 || parts[0] != appId) continue;
            foreach (var topic in parts[1].Split(','))
            {
                if (!topics.Contains(topic)) topics.Add(topic);
            }
        }
        return topics;
    }

    private static List<string> Topics(string? list) =>
        string.IsNullOrEmpty(list) ? [] : list.Replace(" ", "", StringComparison.Ordinal).Split(',').Distinct().ToList();
}
