using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

internal static class OverlayDifference
{
    /// <summary>The objects ("Kind name") that only one rendering has, or that the two render differently.</summary>
    public static IReadOnlyList<string> Between(RenderedOverlay first, RenderedOverlay second)
    {
        var left = ById(first);
        var right = ById(second);
        return left.Keys.Union(right.Keys)
            .Where(id => !left.TryGetValue(id, out var a) || !right.TryGetValue(id, out var b) || a != b)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, string> ById(RenderedOverlay overlay) =>
        overlay.Documents.ToDictionary(Id, document => YamlText.Of(document), StringComparer.Ordinal);

    private static string Id(YamlMappingNode document) =>
        $"{document.ScalarAt("kind")} {document.MappingAt("metadata")?.ScalarAt("name")}";
}
