using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Kustomize;

/// <summary>
/// Renders a kustomization like <c>kustomize build</c> (v5) for the features k8s/ uses: resources (files and
/// kustomization folders), targeted patches (strategic merge on Deployments, JSON patch replace), namespace,
/// labels (metadata only) and image tags. Kustomize is not installed where the tests run; everything this
/// renderer does not implement is refused, so it cannot silently render something kustomize would not.
/// The order of the transformations is kustomize's: patches, namespace, labels, images.
/// </summary>
internal static class KustomizeBuild
{
    // Cluster-scoped kinds get no namespace. Namespace is the only one k8s/ has; the others are refused
    // rather than namespaced wrongly.
    private static readonly string[] ClusterScopedKinds =
    [
        "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass",
        "PriorityClass", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
        "APIService", "CSIDriver", "Node",
    ];

    public static IReadOnlyList<YamlMappingNode> Render(string directory)
    {
        var kustomization = Kustomization.Load(Path.GetFullPath(directory));
        var resources = LoadResources(kustomization);
        foreach (var patch in kustomization.Patches)
            ApplyPatch(kustomization, patch, resources);
        if (kustomization.Namespace is { } name)
            SetNamespace(resources, name);
        foreach (var labels in kustomization.Labels)
            AddLabels(resources, labels);
        foreach (var image in kustomization.Images)
            OverrideImage(resources, image);
        return resources;
    }

    private static List<YamlMappingNode> LoadResources(Kustomization kustomization)
    {
        var resources = new List<YamlMappingNode>();
        foreach (var entry in kustomization.Resources)
        {
            var path = Path.GetFullPath(Path.Combine(kustomization.Directory, entry));
            var loaded = Directory.Exists(path)
                ? Render(path)
                : YamlNodes.ParseDocuments(File.ReadAllText(FileInside(kustomization, entry)));
            foreach (var resource in loaded)
            {
                // kustomize refuses a second resource with the same id rather than choosing one.
                if (resources.Any(known => Id(known) == Id(resource)))
                    throw new InvalidDataException($"{kustomization.Directory}: {Id(resource)} is given twice (again by {entry}).");
                resources.Add(resource);
            }
        }

        return resources;
    }

    /// <summary>kustomize's default load restriction: files a kustomization reads lie inside its own folder.</summary>
    private static string FileInside(Kustomization kustomization, string entry)
    {
        var path = Path.GetFullPath(Path.Combine(kustomization.Directory, entry));
        if (!path.StartsWith(kustomization.Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"{kustomization.Directory}: {entry} is outside the kustomization's folder.");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{kustomization.Directory}: {entry} does not exist.", path);
    }

    private static void ApplyPatch(Kustomization kustomization, Patch patch, List<YamlMappingNode> resources)
    {
        var file = FileInside(kustomization, patch.Path);
        var targets = resources.Where(patch.Target.Matches).ToList();
        // kustomize passes over a patch that matches nothing; here that is a mistake worth a failure.
        if (targets.Count == 0)
            throw new InvalidDataException($"{file}: the patch target {patch.Target} matches no resource.");

        foreach (var target in targets)
        {
            // Parsed afresh per target, so no two resources share a patched node.
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            switch (stream.Documents.Single().RootNode)
            {
                case YamlSequenceNode operations:
                    JsonPatch.Apply(target, operations, file);
                    break;
                case YamlMappingNode strategicMerge:
                    StrategicMergePatch.Apply(target, strategicMerge, file);
                    break;
                default:
                    throw new InvalidDataException($"{file} is neither a JSON patch nor a strategic merge patch.");
            }
        }
    }

    private static void SetNamespace(List<YamlMappingNode> resources, string name)
    {
        foreach (var resource in resources)
        {
            var kind = resource.ScalarAt("kind");
            var metadata = Metadata(resource);
            if (ClusterScopedKinds.Contains(kind))
                throw new NotSupportedException($"{Id(resource)}: namespacing a cluster-scoped {kind} is not rendered.");

            // kustomize renames a Namespace object to the namespace it sets.
            metadata.Children[new YamlScalarNode(kind == "Namespace" ? "name" : "namespace")] = new YamlScalarNode(name);

            if (kind == "RoleBinding")
                SetSubjectNamespaces(resource, name);
        }
    }

    /// <summary>A service account named without a namespace gets the binding's; kustomize leaves named ones alone.</summary>
    private static void SetSubjectNamespaces(YamlMappingNode binding, string name)
    {
        foreach (var subject in binding.SequenceAt("subjects").Cast<YamlMappingNode>())
        {
            if (subject.ScalarAt("kind") == "ServiceAccount" && subject.ScalarAt("namespace") is null)
                subject.Children[new YamlScalarNode("namespace")] = new YamlScalarNode(name);
        }
    }

    private static void AddLabels(List<YamlMappingNode> resources, LabelPairs labels)
    {
        foreach (var resource in resources)
        {
            var metadata = Metadata(resource);
            if (metadata.MappingAt("labels") is not { } existing)
                metadata.Children[new YamlScalarNode("labels")] = existing = new YamlMappingNode();
            foreach (var (key, value) in labels.Pairs)
                existing.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
        }
    }

    private static void OverrideImage(List<YamlMappingNode> resources, ImageOverride image)
    {
        foreach (var resource in resources)
        {
            // Pods and CronJobs keep their containers elsewhere than spec.template.spec.
            if (resource.ScalarAt("kind") is "Pod" or "CronJob")
                throw new NotSupportedException($"{Id(resource)}: image overrides are rendered only for pod templates at spec.template.spec.");

            var podSpec = resource.MappingAt("spec")?.MappingAt("template")?.MappingAt("spec");
            if (podSpec is null)
                continue;
            foreach (var container in new[] { "containers", "initContainers" }.SelectMany(key => podSpec.SequenceAt(key)).Cast<YamlMappingNode>())
            {
                var reference = ContainerImage.Parse(container.ScalarAt("image") ?? "");
                if (reference.Name != image.Name)
                    continue;
                var updated = reference with { Name = image.NewName ?? reference.Name, Tag = image.NewTag ?? reference.Tag };
                container.Children[new YamlScalarNode("image")] = new YamlScalarNode(updated.ToString());
            }
        }
    }

    private static YamlMappingNode Metadata(YamlMappingNode resource) =>
        resource.MappingAt("metadata") ?? throw new InvalidDataException($"{Id(resource)} has no metadata.");

    private static string Id(YamlMappingNode resource)
    {
        var (group, _) = ApiVersion.Split(resource.ScalarAt("apiVersion"));
        var metadata = resource.MappingAt("metadata");
        return $"{group}/{resource.ScalarAt("kind")} {metadata?.ScalarAt("namespace")}/{metadata?.ScalarAt("name")}";
    }
}
