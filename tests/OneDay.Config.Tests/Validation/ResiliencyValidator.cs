using System.Globalization;
using YamlDotNet.RepresentationModel;
using static OneDay.Config.Tests.Validation.YamlShape;

namespace OneDay.Config.Tests.Validation;

/// <summary>Checks a <c>kind: Resiliency</c> resource the way daprd decodes it.</summary>
internal static class ResiliencyValidator
{
    private static readonly YamlShape PolicyNames = Leaves("timeout", "retry", "circuitBreaker");

    // dapr pkg/apis/resiliency/v1alpha1/types.go (release-1.16).
    private static readonly YamlShape Shape = Map(
        ("apiVersion", Any),
        ("kind", Any),
        ("metadata", Leaves("name", "namespace", "labels", "annotations")),
        ("scopes", ListOf(Any)),
        ("spec", Map(
            ("policies", Map(
                ("timeouts", MapOf(Any)),
                ("retries", MapOf(Map(
                    ("policy", Any), ("duration", Any), ("maxInterval", Any), ("maxRetries", Any),
                    ("matching", Leaves("httpStatusCodes", "gRPCStatusCodes"))))),
                ("circuitBreakers", MapOf(Leaves("maxRequests", "interval", "timeout", "trip"))))),
            ("targets", Map(
                ("apps", MapOf(PolicyNames.With(("circuitBreakerCacheSize", Any)))),
                ("actors", MapOf(PolicyNames.With(("circuitBreakerScope", Any), ("circuitBreakerCacheSize", Any)))),
                ("components", MapOf(Map(("inbound", PolicyNames), ("outbound", PolicyNames)))))))));

    // Status codes a retry may match (pkg/resiliency/retry.go validHTTPStatusCodeRange, validGRPCStatusCodeRange).
    private static readonly (string Key, int Min, int Max)[] MatchingCodes = [("httpStatusCodes", 100, 599), ("gRPCStatusCodes", 0, 16)];

    public static IReadOnlyList<string> Validate(DaprResource resiliency, IReadOnlySet<string> appIds, IReadOnlySet<string> componentNames)
    {
        var problems = new List<string>();
        Shape.Check(resiliency.Node, "", problems);

        var policies = resiliency.Spec.MappingAt("policies") ?? new YamlMappingNode();
        var timeouts = CheckTimeouts(policies.MappingAt("timeouts"), problems);
        var retries = CheckRetries(policies.MappingAt("retries"), problems);
        var breakers = CheckCircuitBreakers(policies.MappingAt("circuitBreakers"), problems);

        void CheckReferences(YamlMappingNode? names, string path)
        {
            if (names is null)
                return;
            foreach (var (kind, defined) in new[] { ("timeout", timeouts), ("retry", retries), ("circuitBreaker", breakers) })
            {
                var name = names.ScalarAt(kind);
                if (name is not null && !defined.Contains(name))
                    problems.Add($"{path}.{kind}: no {kind} policy is named '{name}'");
            }
        }

        var targets = resiliency.Spec.MappingAt("targets") ?? new YamlMappingNode();
        foreach (var (appId, names) in Targets(targets, "apps"))
        {
            if (!appIds.Contains(appId))
                problems.Add($"targets.apps.{appId}: not an app id");
            CheckReferences(names, $"targets.apps.{appId}");
            CheckCacheSize(names, $"targets.apps.{appId}", problems);
        }

        foreach (var (actorType, names) in Targets(targets, "actors"))
        {
            CheckReferences(names, $"targets.actors.{actorType}");
            CheckCacheSize(names, $"targets.actors.{actorType}", problems);
            // decodeTargets: "actor circuit breakers must include scope" (id, type or both).
            if (names?.ScalarAt("circuitBreaker") is not null && names.ScalarAt("circuitBreakerScope") is not ("id" or "type" or "both"))
                problems.Add($"targets.actors.{actorType}.circuitBreakerScope must be id, type or both");
        }

        foreach (var (component, directions) in Targets(targets, "components"))
        {
            if (!componentNames.Contains(component))
                problems.Add($"targets.components.{component}: no component has this name");
            CheckReferences(directions?.MappingAt("inbound"), $"targets.components.{component}.inbound");
            CheckReferences(directions?.MappingAt("outbound"), $"targets.components.{component}.outbound");
        }

        return problems;
    }

    private static IEnumerable<(string Name, YamlMappingNode? Value)> Targets(YamlMappingNode targets, string kind) =>
        (targets.MappingAt(kind) ?? new YamlMappingNode()).Entries().Select(entry => (entry.Key, entry.Value as YamlMappingNode));

    private static HashSet<string> CheckTimeouts(YamlMappingNode? timeouts, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in (timeouts ?? new YamlMappingNode()).Entries())
        {
            names.Add(name);
            CheckDuration((value as YamlScalarNode)?.Value, $"policies.timeouts.{name}", problems);
        }

        return names;
    }

    private static HashSet<string> CheckRetries(YamlMappingNode? retries, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in (retries ?? new YamlMappingNode()).Entries())
        {
            names.Add(name);
            var path = $"policies.retries.{name}";
            var retry = value as YamlMappingNode ?? new YamlMappingNode();

            // kit/retry PolicyType.DecodeString lower-cases the name; the default is constant.
            var policy = retry.ScalarAt("policy");
            if (policy is not null && policy.ToUpperInvariant() is not ("CONSTANT" or "EXPONENTIAL"))
                problems.Add($"{path}.policy '{policy}' must be constant or exponential");

            foreach (var key in new[] { "duration", "maxInterval" }.Where(key => retry.Child(key) is not null))
                CheckDuration(retry.ScalarAt(key), $"{path}.{key}", problems);

            // -1 retries for ever (the default), 0 never retries.
            if (retry.Child("maxRetries") is { } maxRetries && (!maxRetries.TryGetInteger(out var count) || count < -1))
                problems.Add($"{path}.maxRetries must be an integer of -1 or more");

            foreach (var (key, min, max) in MatchingCodes)
            {
                var codes = retry.MappingAt("matching")?.ScalarAt(key);
                if (codes is not null && CodeListProblem(codes, min, max) is { } problem)
                    problems.Add($"{path}.matching.{key}: {problem}");
            }
        }

        return names;
    }

    private static HashSet<string> CheckCircuitBreakers(YamlMappingNode? breakers, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in (breakers ?? new YamlMappingNode()).Entries())
        {
            names.Add(name);
            var path = $"policies.circuitBreakers.{name}";
            var breaker = value as YamlMappingNode ?? new YamlMappingNode();

            if (breaker.Child("maxRequests") is { } maxRequests && (!maxRequests.TryGetInteger(out var count) || count < 0))
                problems.Add($"{path}.maxRequests must be a non-negative integer");

            foreach (var key in new[] { "interval", "timeout" }.Where(key => breaker.Child(key) is not null))
                CheckDuration(breaker.ScalarAt(key), $"{path}.{key}", problems);

            if (breaker.ScalarAt("trip") is { } trip && TripExpression.Problem(trip) is { } problem)
                problems.Add($"{path}.trip '{trip}': {problem}");
        }

        return names;
    }

    private static void CheckCacheSize(YamlMappingNode? names, string path, List<string> problems)
    {
        if (names?.Child("circuitBreakerCacheSize") is { } size && (!size.TryGetInteger(out var value) || value <= 0))
            problems.Add($"{path}.circuitBreakerCacheSize must be a positive integer");
    }

    private static void CheckDuration(string? text, string path, List<string> problems)
    {
        if (!DaprDuration.IsValid(text))
            problems.Add($"{path} '{text}' is not a duration (milliseconds, or Go syntax such as 500ms, 5s, 1m30s)");
    }

    /// <summary>retry.go parsePatterns: comma-separated codes or ranges "a-b" with a ≤ b, each within the protocol's range.</summary>
    private static string? CodeListProblem(string codes, int min, int max)
    {
        foreach (var pattern in codes.Split(',').Where(pattern => pattern.Length > 0))
        {
            var bounds = pattern.Split('-');
            if (bounds.Length > 2
                || !bounds.All(bound => int.TryParse(bound, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code >= min && code <= max))
                return $"'{pattern}' is not a code or range within {min}-{max}";
            if (bounds.Length == 2 && int.Parse(bounds[0], CultureInfo.InvariantCulture) > int.Parse(bounds[1], CultureInfo.InvariantCulture))
                return $"'{pattern}' starts above its end";
        }

        return null;
    }
}
