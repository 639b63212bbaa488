using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

internal static class YamlText
{
    /// <summary>A node written out as YAML; equal nodes (keys in the same order, scalars in the same style) give equal text.</summary>
    public static string Of(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
