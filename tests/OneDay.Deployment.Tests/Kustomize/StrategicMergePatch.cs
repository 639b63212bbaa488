using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Kustomize;

/// <summary>
/// A Kubernetes strategic merge patch on a Deployment: mappings merge key by key, scalars are replaced, and
/// lists merge by the key the Deployment's schema declares for them (x-kubernetes-patch-merge-key), patch
/// entries first, then the target's others, as kustomize orders them. Directives ($patch, $retainKeys …),
/// deletions (null) and a list whose strategy is not in the table below are refused.
/// </summary>
internal static partial class StrategicMergePatch
{
    private const string PodSpec = "spec.template.spec";

    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        [$"{PodSpec}.containers"] = "name",
        [$"{PodSpec}.containers[].env"] = "name",
        [$"{PodSpec}.containers[].volumeMounts"] = "mountPath",
        [$"{PodSpec}.volumes"] = "name",
    };

    public static void Apply(YamlMappingNode target, YamlMappingNode patch, string source)
    {
        if (target.ScalarAt("apiVersion") != "apps/v1" || target.ScalarAt("kind") != "Deployment")
            throw new NotSupportedException($"{source}: strategic merge is rendered only for apps/v1 Deployments, not {target.ScalarAt("kind")}.");

        // With a target, kustomize gives the patch each target's identity; the patch's own is a placeholder.
        foreach (var (key, value) in patch.Entries())
        {
            if (key is "apiVersion" or "kind")
                continue;
            if (key == "metadata" && value is YamlMappingNode metadata)
                MergeMapping(target.MappingAt("metadata")!, WithoutIdentity(metadata), "metadata", source);
            else
                MergeValue(target, key, value, key, source);
        }
    }

    private static YamlMappingNode WithoutIdentity(YamlMappingNode metadata) =>
        new(metadata.Children.Where(child => ((YamlScalarNode)child.Key).Value is not ("name" or "namespace")));

    private static void MergeMapping(YamlMappingNode target, YamlMappingNode patch, string path, string source)
    {
        foreach (var (key, value) in patch.Entries())
            MergeValue(target, key, value, $"{path}.{key}", source);
    }

    private static void MergeValue(YamlMappingNode target, string key, YamlNode patchValue, string path, string source)
    {
        if (key.StartsWith('$') || patchValue.IsNull())
            throw new NotSupportedException($"{source}: {path}: patch directives and deletions are not rendered.");

        var existing = target.Child(key);
        switch (existing, patchValue)
        {
            case (null, _):
                target.Children[new YamlScalarNode(key)] = patchValue;
                break;
            case (YamlMappingNode targetMap, YamlMappingNode patchMap):
                MergeMapping(targetMap, patchMap, path, source);
                break;
            case (YamlSequenceNode targetList, YamlSequenceNode patchList):
                target.Children[new YamlScalarNode(key)] = MergeList(targetList, patchList, path, source);
                break;
            case (YamlScalarNode, YamlScalarNode):
                target.Children[new YamlScalarNode(key)] = patchValue;
                break;
            default:
                throw new InvalidDataException($"{source}: {path} is a {existing.NodeType} in the target but a {patchValue.NodeType} in the patch.");
        }
    }

    private static YamlSequenceNode MergeList(YamlSequenceNode target, YamlSequenceNode patch, string path, string source)
    {
        var schemaPath = ListIndex().Replace(path, "[]");
        if (!MergeKeys.TryGetValue(schemaPath, out var mergeKey))
            throw new NotSupportedException($"{source}: {path} is a list whose patch strategy this renderer does not know.");

        string KeyOf(YamlNode item) =>
            (item as YamlMappingNode)?.ScalarAt(mergeKey) ?? throw new InvalidDataException($"{source}: an item of {path} has no {mergeKey}.");

        var remaining = target.Children.ToList();
        var merged = new List<YamlNode>();
        foreach (var patchItem in patch.Children)
        {
            var key = KeyOf(patchItem);
            var match = remaining.FirstOrDefault(item => KeyOf(item) == key);
            if (match is YamlMappingNode matchMap)
            {
                remaining.Remove(match);
                MergeMapping(matchMap, (YamlMappingNode)patchItem, $"{path}[{merged.Count}]", source);
                merged.Add(matchMap);
            }
            else
            {
                merged.Add(patchItem);
            }
        }

        return new YamlSequenceNode([.. merged, .. remaining]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex ListIndex();
}
