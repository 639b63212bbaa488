namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// Service-invocation access control, with daprd's rules (dapr pkg/acl/acl.go): no spec → allow all;
/// policies but no global default → deny; a policy must name trustDomain and namespace or the whole
/// spec is rejected; the caller's policy applies when app id, trust domain and namespace all match;
/// then the most specific operation wins (verb, then "*"), else the policy's default, else the global
/// default. Operation names are case-insensitive for HTTP; "*" matches one path segment, "**" the rest.
/// The emulator knows every caller's identity, as daprd does with mTLS (Kubernetes, Sentry).
/// </summary>
public sealed class AccessControlList
{
    public const string DefaultTrustDomain = "public";

    private readonly string _defaultAction;
    private readonly Dictionary<string, AppPolicy> _policies;

    private AccessControlList(string trustDomain, string defaultAction, Dictionary<string, AppPolicy> policies)
    {
        TrustDomain = trustDomain;
        _defaultAction = defaultAction;
        _policies = policies;
    }

    /// <summary>The trust domain of the app this configuration belongs to.</summary>
    public string TrustDomain { get; }

    public static AccessControlList? Parse(object? spec)
    {
        if (spec is null) return null;
        var trustDomain = YamlTree.Text(spec, "trustDomain");
        var defaultAction = YamlTree.Text(spec, "defaultAction");
        var policies = YamlTree.List(spec, "policies").ToList();
        if (string.IsNullOrEmpty(trustDomain) && string.IsNullOrEmpty(defaultAction) && policies.Count == 0) return null;
        if (string.IsNullOrEmpty(defaultAction)) defaultAction = policies.Count > 0 ? "deny" : "allow";

        var parsed = new Dictionary<string, AppPolicy>(StringComparer.Ordinal);
        var invalid = new List<string>();
        foreach (var policy in policies)
        {
            var appId = YamlTree.Text(policy, "appId") ?? YamlTree.Text(policy, "app") ?? "";
            var policyTrustDomain = YamlTree.Text(policy, "trustDomain");
            var ns = YamlTree.Text(policy, "namespace");
            if (appId.Length == 0 || string.IsNullOrEmpty(policyTrustDomain) || string.IsNullOrEmpty(ns))
            {
                invalid.Add(appId.Length == 0 ? "(no appId)" : appId);
                continue;
            }
            var operations = YamlTree.List(policy, "operations").Select(op => new OperationRule(
                Normalize(YamlTree.Text(op, "name") ?? "/"),
                YamlTree.Strings(op, "httpVerb"),
                YamlTree.Text(op, "action") ?? "allow")).ToList();
            parsed[Key(appId, ns)] = new AppPolicy(policyTrustDomain, ns, YamlTree.Text(policy, "defaultAction"), operations);
        }
        if (invalid.Count > 0)
        {
            throw new InvalidDataException(
                $"invalid access control spec: missing trustDomain or namespace (or app id) for apps: {string.Join(", ", invalid)}");
        }
        return new AccessControlList(string.IsNullOrEmpty(trustDomain) ? DefaultTrustDomain : trustDomain, defaultAction, parsed);
    }

    public bool IsAllowed(string callerAppId, string callerNamespace, string callerTrustDomain, string operation, string httpVerb)
    {
        var action = _defaultAction;
        if (!_policies.TryGetValue(Key(callerAppId, callerNamespace), out var policy) ||
            policy.TrustDomain != callerTrustDomain)
        {
            return IsAllow(action);
        }
        if (!string.IsNullOrEmpty(policy.DefaultAction)) action = policy.DefaultAction;

        var match = policy.Operations
            .Select(rule => (rule, score: rule.Score(Normalize(operation))))
            .Where(x => x.score >= 0)
            .OrderByDescending(x => x.score)
            .Select(x => x.rule)
            .FirstOrDefault();
        if (match is not null)
        {
            var verb = match.Verbs.FirstOrDefault(v => string.Equals(v, httpVerb, StringComparison.OrdinalIgnoreCase))
                       ?? match.Verbs.FirstOrDefault(v => v == "*");
            if (verb is not null) action = match.Action;
        }
        return IsAllow(action);
    }

    private static bool IsAllow(string action) => string.Equals(action, "allow", StringComparison.OrdinalIgnoreCase);

    private static string Key(string appId, string ns) => appId + "||" + ns;

    private static string Normalize(string operation)
    {
        var path = operation.Split('?')[0].ToLowerInvariant();
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return path.StartsWith('/') ? path : "/" + path;
    }

    private sealed record AppPolicy(string TrustDomain, string Namespace, string? DefaultAction, IReadOnlyList<OperationRule> Operations);

    private sealed record OperationRule(string Name, IReadOnlyList<string> Verbs, string Action)
    {
        /// <summary>-1 when the pattern does not match; otherwise higher means more specific.</summary>
        public int Score(string operation)
        {
            var pattern = Name.Trim('/').Split('/');
            var path = operation.Trim('/').Split('/');
            var score = 0;
            for (var i = 0; i < pattern.Length; i++)
            {
                // "**" takes zero or more segments: /internal/jobs/** admits /internal/jobs itself (dapr pkg/config/acl_trie.go, Search).
                if (pattern[i] == "**") return score * 4 + 1;
                if (i >= path.Length) return -1;
                if (pattern[i] == "*") score += 1;
                else if (pattern[i] == path[i]) score += 3;
                else return -1;
            }
            return path.Length == pattern.Length ? score * 4 + 3 : -1;
        }
    }
}
