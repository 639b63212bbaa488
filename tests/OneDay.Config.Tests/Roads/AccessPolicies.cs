using System.Text.RegularExpressions;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Roads;

/// <summary>
/// A Configuration's access-control policies as daprd applies them to a caller: the operations whose name (a
/// glob: '*' within one path segment, a trailing '/**' the path itself or anything below it, as daprd's
/// operation trie, dapr pkg/config/acl_trie.go) and verb match decide, a deny over an allow; none matching,
/// the policy's defaultAction.
/// </summary>
internal sealed class AccessPolicies(DaprResource configuration)
{
    private readonly IReadOnlyList<YamlMappingNode> _policies =
        [.. configuration.Spec.MappingAt("accessControl")?.SequenceAt("policies").OfType<YamlMappingNode>() ?? []];

    public bool Allows(ServiceCall call)
    {
        var policy = PolicyOf(call.Caller) ?? throw new InvalidOperationException($"no access-control policy for {call.Caller}");
        var actions = Operations(policy)
            .Where(operation => Matches(operation.Name, call.Path) && (operation.Verbs.Contains("*") || operation.Verbs.Contains(call.Verb)))
            .Select(operation => operation.Action)
            .ToList();
        return actions.Count == 0 ? policy.ScalarAt("defaultAction") == "allow" : !actions.Contains("deny");
    }

    /// <summary>Each internal route a policy allows outright: (caller, callee as named by the route, route).</summary>
    public IEnumerable<(string Caller, string Callee, string Route)> AllowedInternalRoutes() =>
        from policy in _policies
        from operation in Operations(policy)
        where operation.Action == "allow" && operation.Name.StartsWith("/internal/", StringComparison.Ordinal)
        select (policy.ScalarAt("appId")!, operation.Name.Split('/')[2], operation.Name);

    private YamlMappingNode? PolicyOf(string appId) => _policies.SingleOrDefault(policy => policy.ScalarAt("appId") == appId);

    private static IEnumerable<(string Name, IReadOnlyList<string> Verbs, string? Action)> Operations(YamlMappingNode policy) =>
        policy.SequenceAt("operations").OfType<YamlMappingNode>()
            .Select(operation => (operation.ScalarAt("name") ?? "", (IReadOnlyList<string>)[.. operation.ScalarsAt("httpVerb")], operation.ScalarAt("action")));

    private static bool Matches(string glob, string path) =>
        Regex.IsMatch(path, "^" + Regex.Escape(glob).Replace(@"/\*\*", "(/.*)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
}
