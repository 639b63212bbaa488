using System.Collections.Concurrent;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.Resiliency;

/// <summary>
/// The `kind: Resiliency` resources one sidecar loaded (dapr pkg/apis/resiliency/v1alpha1/types.go),
/// resolved to the policy for a target: an app, an actor type, or a component's inbound/outbound side.
/// Targets without a named policy fall back to Dapr's reserved default-policy names
/// (e.g. DefaultAppRetryPolicy, DefaultPubsubComponentInboundRetryPolicy, DefaultRetryPolicy).
/// </summary>
public sealed class ResiliencySpec(TimeProvider time)
{
    private readonly Dictionary<string, TimeSpan> _timeouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetryPolicy> _retries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CircuitBreakerPolicy> _breakers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetPolicyNames> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetPolicyNames> _actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetPolicyNames> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetPolicyNames> _outbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakerInstances = new(StringComparer.Ordinal);

    public void Add(object? document)
    {
        var policies = YamlTree.Path(document, "spec", "policies");
        foreach (var (name, value) in YamlTree.Entries(policies, "timeouts"))
        {
            if (GoDuration.TryParseOrMilliseconds(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out var t)) _timeouts[name] = t;
        }
        foreach (var (name, value) in YamlTree.Entries(policies, "retries")) _retries[name] = RetryPolicy.Parse(value);
        foreach (var (name, value) in YamlTree.Entries(policies, "circuitBreakers")) _breakers[name] = CircuitBreakerPolicy.Parse(value);

        var targets = YamlTree.Path(document, "spec", "targets");
        foreach (var (app, value) in YamlTree.Entries(targets, "apps")) _apps[app] = TargetPolicyNames.Parse(value);
        foreach (var (actor, value) in YamlTree.Entries(targets, "actors")) _actors[actor] = TargetPolicyNames.Parse(value);
        foreach (var (component, value) in YamlTree.Entries(targets, "components"))
        {
            _inbound[component] = TargetPolicyNames.Parse(YamlTree.Get(value, "inbound"));
            _outbound[component] = TargetPolicyNames.Parse(YamlTree.Get(value, "outbound"));
        }
    }

    public ResiliencyPolicy ForApp(string appId) =>
        Resolve("app:" + appId, _apps.GetValueOrDefault(appId), ["App"]);

    public ResiliencyPolicy ForActor(string actorType) =>
        Resolve("actor:" + actorType, _actors.GetValueOrDefault(actorType), ["Actor"]);

    /// <summary>Delivery of messages to the app (pubsub inbound): no policy means exactly one attempt.</summary>
    public ResiliencyPolicy ForComponentInbound(string component, string componentKind) =>
        Resolve("in:" + component, _inbound.GetValueOrDefault(component),
            [$"{componentKind}ComponentInbound", "ComponentInbound", "Component"]);

    public ResiliencyPolicy ForComponentOutbound(string component, string componentKind) =>
        Resolve("out:" + component, _outbound.GetValueOrDefault(component),
            [$"{componentKind}ComponentOutbound", "ComponentOutbound", "Component"]);

    private ResiliencyPolicy Resolve(string target, TargetPolicyNames? names, string[] levels)
    {
        TimeSpan? timeout = names?.Timeout is { } t && _timeouts.TryGetValue(t, out var tv) ? tv : DefaultTimeout(levels);
        var retry = names?.Retry is { } r && _retries.TryGetValue(r, out var rv) ? rv : Default(_retries, "Retry", levels);
        var breakerPolicy = names?.CircuitBreaker is { } c && _breakers.TryGetValue(c, out var cv) ? cv : Default(_breakers, "CircuitBreaker", levels);
        var breaker = breakerPolicy is null ? null : _breakerInstances.GetOrAdd(target, _ => new CircuitBreaker(breakerPolicy, time));
        return new ResiliencyPolicy(timeout, retry, breaker, time);
    }

    private TimeSpan? DefaultTimeout(string[] levels) =>
        levels.Select(l => $"Default{l}TimeoutPolicy").Append("DefaultTimeoutPolicy")
            .Select(name => _timeouts.TryGetValue(name, out var t) ? t : (TimeSpan?)null)
            .FirstOrDefault(t => t is not null);

    private static T? Default<T>(Dictionary<string, T> named, string kind, string[] levels)
        where T : class
    {
        foreach (var level in levels)
        {
            if (named.TryGetValue($"Default{level}{kind}Policy", out var value)) return value;
        }
        return named.TryGetValue($"Default{kind}Policy", out var general) ? general : default;
    }

    private sealed record TargetPolicyNames(string? Timeout, string? Retry, string? CircuitBreaker)
    {
        public static TargetPolicyNames Parse(object? node) => new(
            YamlTree.Text(node, "timeout"), YamlTree.Text(node, "retry"), YamlTree.Text(node, "circuitBreaker"));
    }
}
