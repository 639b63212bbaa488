using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Kustomize;

/// <summary>An RFC 6902 JSON patch, limited to the operation k8s/ uses: replace.</summary>
internal static class JsonPatch
{
    public static void Apply(YamlMappingNode target, YamlSequenceNode operations, string source)
    {
        foreach (var operation in operations.Children.Cast<YamlMappingNode>())
        {
            Kustomization.RefuseOtherKeys(operation, ["op", "path", "value"], source);
            var op = Scalar(operation, "op", source);
            if (op != "replace")
                throw new NotSupportedException($"{source}: JSON patch operation '{op}' is not rendered (only replace).");

            var pointer = Scalar(operation, "path", source);
            var value = operation.Children.TryGetValue(new YamlScalarNode("value"), out var found)
                ? found
                : throw new InvalidDataException($"{source}: replace {pointer} has no value.");
            Replace(target, pointer, value, source);
        }
    }

    private static string Scalar(YamlMappingNode operation, string key, string source) =>
        operation.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value }
            ? value
            : throw new InvalidDataException($"{source}: a JSON patch operation has no {key}.");

    /// <summary>RFC 6902 §4.3: the location must exist.</summary>
    private static void Replace(YamlMappingNode document, string pointer, YamlNode value, string source)
    {
        if (!pointer.StartsWith('/'))
            throw new InvalidDataException($"{source}: '{pointer}' is not a JSON pointer.");

        // RFC 6901 §4: ~1 is '/', ~0 is '~', decoded in that order.
        var tokens = pointer[1..].Split('/').Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        YamlNode parent = document;
        foreach (var token in tokens[..^1])
            parent = Step(parent, token) ?? throw new InvalidDataException($"{source}: {pointer} does not exist.");

        var last = tokens[^1];
        switch (parent)
        {
            case YamlMappingNode map when map.Children.ContainsKey(new YamlScalarNode(last)):
                map.Children[new YamlScalarNode(last)] = value;
                break;
            case YamlSequenceNode list when int.TryParse(last, out var index) && index >= 0 && index < list.Children.Count:
                list.Children[index] = value;
                break;
            default:
                throw new InvalidDataException($"{source}: {pointer} does not exist.");
        }
    }

    private static YamlNode? Step(YamlNode node, string token) => node switch
    {
        YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode(token), out var child) ? child : null,
        YamlSequenceNode list when int.TryParse(token, out var index) && index >= 0 && index < list.Children.Count => list.Children[index],
        _ => null,
    };
}
