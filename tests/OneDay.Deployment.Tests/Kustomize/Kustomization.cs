using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Kustomize;

internal sealed record LabelPairs(IReadOnlyDictionary<string, string> Pairs);

internal sealed record ImageOverride(string Name, string? NewName, string? NewTag);

internal sealed record Patch(string Path, PatchTarget Target);

/// <summary>
/// A kustomization.yaml, limited to the fields k8s/ uses. Any other field, or an option of a used field that
/// changes what it does, is refused: a renderer that ignored it would render something kustomize does not.
/// </summary>
internal sealed record Kustomization(
    string Directory,
    IReadOnlyList<string> Resources,
    string? Namespace,
    IReadOnlyList<LabelPairs> Labels,
    IReadOnlyList<Patch> Patches,
    IReadOnlyList<ImageOverride> Images)
{
    public const string FileName = "kustomization.yaml";

    private static readonly string[] Fields = ["apiVersion", "kind", "resources", "namespace", "labels", "patches", "images"];

    public static Kustomization Load(string directory)
    {
        var file = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(file))
            throw new InvalidDataException($"{directory} has no {FileName}.");
        var root = YamlNodes.ParseDocument(File.ReadAllText(file));

        RefuseOtherKeys(root, Fields, file);
        if (root.ScalarAt("kind") is { } kind && kind != "Kustomization")
            throw new NotSupportedException($"{file}: kind '{kind}' is not rendered here (only Kustomization).");

        return new Kustomization(
            directory,
            root.ScalarsAt("resources"),
            root.ScalarAt("namespace"),
            Entries(root, "labels", file).Select(ReadLabels).ToList(),
            Entries(root, "patches", file).Select(ReadPatch).ToList(),
            Entries(root, "images", file).Select(ReadImage).ToList());

        LabelPairs ReadLabels(YamlMappingNode entry)
        {
            // includeSelectors and includeTemplates would also write selectors and pod templates.
            RefuseOtherKeys(entry, ["pairs"], $"{file} labels");
            var pairs = entry.MappingAt("pairs") ?? throw new InvalidDataException($"{file}: a labels entry has no pairs.");
            return new LabelPairs(pairs.Entries().ToDictionary(pair => pair.Key, pair => ((YamlScalarNode)pair.Value).Value ?? ""));
        }

        Patch ReadPatch(YamlMappingNode entry)
        {
            // An inline `patch:` or `options:` is not rendered; a patch without a target would match by its own id.
            RefuseOtherKeys(entry, ["path", "target"], $"{file} patches");
            var path = entry.ScalarAt("path") ?? throw new InvalidDataException($"{file}: a patch has no path.");
            var target = entry.MappingAt("target") ?? throw new NotSupportedException($"{file}: patch {path} has no target; only targeted patches are rendered.");
            return new Patch(path, PatchTarget.Read(target, $"{file} patch {path}"));
        }

        ImageOverride ReadImage(YamlMappingNode entry)
        {
            RefuseOtherKeys(entry, ["name", "newName", "newTag"], $"{file} images");
            return new ImageOverride(
                entry.ScalarAt("name") ?? throw new InvalidDataException($"{file}: an images entry has no name."),
                entry.ScalarAt("newName"),
                entry.ScalarAt("newTag"));
        }
    }

    private static IEnumerable<YamlMappingNode> Entries(YamlMappingNode root, string key, string file) =>
        root.SequenceAt(key).Select(node => node as YamlMappingNode ?? throw new InvalidDataException($"{file}: an entry of {key} is not a mapping."));

    public static void RefuseOtherKeys(YamlMappingNode map, IReadOnlyCollection<string> known, string where)
    {
        foreach (var (key, _) in map.Entries().Where(entry => !known.Contains(entry.Key)))
            throw new NotSupportedException($"{where}: '{key}' is not implemented by this renderer (it knows {string.Join(", ", known)}).");
    }
}
