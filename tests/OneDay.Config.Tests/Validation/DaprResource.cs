using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Validation;

/// <summary>One YAML document of a resources folder (a Component, Configuration or Resiliency).</summary>
internal sealed record DaprResource(string File, YamlMappingNode Node)
{
    public const string ApiVersionV1Alpha1 = "dapr.io/v1alpha1";

    public string? ApiVersion => Node.ScalarAt("apiVersion");

    public string? Kind => Node.ScalarAt("kind");

    public string? Name => Node.MappingAt("metadata")?.ScalarAt("name");

    public YamlMappingNode Spec => Node.MappingAt("spec") ?? new YamlMappingNode();

    public string? ComponentType => Spec.ScalarAt("type");

    /// <summary>The app ids of the resource's top-level `scopes` (empty: every app).</summary>
    public IReadOnlyList<string> Scopes => Node.ScalarsAt("scopes");

    public IReadOnlyList<YamlMappingNode> ComponentMetadata => Spec.SequenceAt("metadata").OfType<YamlMappingNode>().ToList();

    /// <summary>The plain value of a component metadata entry; components match names case-insensitively.</summary>
    public string? MetadataValue(string name) =>
        ComponentMetadata
            .Where(entry => string.Equals(entry.ScalarAt("name"), name, StringComparison.OrdinalIgnoreCase))
            .Select(entry => entry.ScalarAt("value"))
            .FirstOrDefault();

    public override string ToString() => $"{Path.GetFileName(File)}: {Kind} {Name}";

    public static IReadOnlyList<DaprResource> Parse(string yaml, string file = "inline.yaml") =>
        YamlNodes.ParseDocuments(yaml).Select(node => new DaprResource(file, node)).ToList();

    /// <summary>
    /// The resources daprd loads from one folder: only the folder's own files (not its sub-folders) whose
    /// names end in .yaml or .yml, symlinks followed, every document of a multi-document file
    /// (dapr pkg/internal/loader/disk/manifest.go).
    /// </summary>
    /// <summary>The resources of several folders in order, as daprd loads its resources paths.</summary>
    public static IReadOnlyList<DaprResource> LoadFolders(IEnumerable<string> directories) =>
        directories.SelectMany(LoadFolder).ToList();

    public static IReadOnlyList<DaprResource> LoadFolder(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Parse(System.IO.File.ReadAllText(file), file))
            .ToList();
}
