using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Validation;

internal static class YamlText
{
    /// <summary>A node written out as YAML; equal nodes (keys in the same order, scalars in the same style) give equal text.</summary>
    public static string Of(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>
    /// A node's content without its presentation: keys in order, scalars by value, whether written plain, quoted
    /// or in flow style; so a file and its rendering by kustomize (which sorts keys and restyles) compare equal.
    /// </summary>
    public static string Content(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(",", map.Children
            .Select(pair => (Key: ((YamlScalarNode)pair.Key).Value ?? "", pair.Value))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}:{Content(pair.Value)}")) + "}",
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Content)) + "]",
        YamlScalarNode scalar => System.Text.Json.JsonSerializer.Serialize(scalar.Value),
        _ => node.ToString(),
    };
}
