using System.Text.RegularExpressions;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Roads;

/// <summary>
/// One app's Configuration's access-control policies as its sidecar, the callee's, applies them to a caller: the
/// caller's policy, or without one the global default. Within a policy the operations whose name (a glob: '*'
/// within one path segment, a trailing '/**' the path itself or anything below it, as daprd's operation trie,
/// dapr pkg/config/acl_trie.go) and verb match decide, a deny over an allow; none matching, its defaultAction.
/// </summary>
internal sealed class AccessPolicies(DaprResource configuration)
{
    private readonly YamlMappingNode _accessControl = configuration.Spec.MappingAt("accessControl") ?? new YamlMappingNode();

    public bool Allows(string caller, string verb, string path)
    {
        var policy = _accessControl.SequenceAt("policies").OfType<YamlMappingNode>().SingleOrDefault(policy => policy.ScalarAt("appId") == caller);
        if (policy is null) return _accessControl.ScalarAt("defaultAction") == "allow";
        var actions = policy.SequenceAt("operations").OfType<YamlMappingNode>()
            .Where(operation => Matches(operation.ScalarAt("name") ?? "", path) && operation.ScalarsAt("httpVerb").Any(v => v == "*" || v == verb))
            .Select(operation => operation.ScalarAt("action"))
            .ToList();
        return actions.Count == 0 ? policy.ScalarAt("defaultAction") == "allow" : !actions.Contains("deny");
    }

    private static bool Matches(string glob, string path) =>
        Regex.IsMatch(path, "^" + Regex.Escape(glob).Replace(@"/\*\*", "(/.*)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
}
