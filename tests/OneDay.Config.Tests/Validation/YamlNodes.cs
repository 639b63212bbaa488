using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Validation;

/// <summary>
/// Reads YAML the way Dapr's Go decoders see it: keys are matched exactly, and a plain scalar such as
/// <c>1</c> or <c>true</c> is a number or a boolean, not a string.
/// </summary>
internal static partial class YamlNodes
{
    public static IReadOnlyList<YamlMappingNode> ParseDocuments(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(document => document.RootNode)
            .Where(root => !root.IsNull())
            .Select(root => root as YamlMappingNode
                ?? throw new InvalidDataException($"A YAML document at {root.Start} is not a mapping."))
            .ToList();
    }

    public static YamlMappingNode ParseDocument(string yaml) => ParseDocuments(yaml).Single();

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(child => (child.Key is YamlScalarNode key ? key.Value ?? "" : child.Key.ToString(), child.Value));

    public static YamlNode? Child(this YamlMappingNode map, string key) =>
        map.Entries().Where(entry => entry.Key == key).Select(entry => entry.Value).FirstOrDefault();

    public static YamlMappingNode? MappingAt(this YamlMappingNode map, string key) => map.Child(key) as YamlMappingNode;

    public static IReadOnlyList<YamlNode> SequenceAt(this YamlMappingNode map, string key) =>
        map.Child(key) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static string? ScalarAt(this YamlMappingNode map, string key) =>
        map.Child(key) is YamlScalarNode scalar && !scalar.IsNull() ? scalar.Value : null;

    public static IReadOnlyList<string> ScalarsAt(this YamlMappingNode map, string key) =>
        map.SequenceAt(key).OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "").ToList();

    public static bool IsNull(this YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && PlainNull().IsMatch(scalar.Value ?? "");

    /// <summary>True when a Go decoder would read the scalar as a string (YAML 1.2 core schema).</summary>
    public static bool IsString(this YamlScalarNode scalar) =>
        scalar.Style is not ScalarStyle.Plain || !PlainNonString().IsMatch(scalar.Value ?? "");

    public static bool TryGetInteger(this YamlNode node, out long value)
    {
        value = 0;
        return node is YamlScalarNode { Style: ScalarStyle.Plain } scalar
            && long.TryParse(scalar.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex PlainNull();

    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|)$")]
    private static partial Regex PlainNonString();
}
