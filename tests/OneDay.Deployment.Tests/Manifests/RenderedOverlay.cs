using k8s;
using k8s.Models;
using OneDay.Config.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>One kustomization of k8s/ rendered: its documents, read into models.</summary>
internal sealed class RenderedOverlay
{
    private RenderedOverlay(string name, IReadOnlyList<YamlMappingNode> documents)
    {
        Name = name;
        Documents = documents;
        (Objects, DaprResources, ReadProblems) = KubernetesObjects.Read(documents, name);
    }

    public string Name { get; }

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public IReadOnlyList<DaprResource> DaprResources { get; }

    /// <summary>Documents that are no known kind, or have fields or scalar types their model does not accept.</summary>
    public IReadOnlyList<string> ReadProblems { get; }

    public IEnumerable<DaprResource> Components => DaprResources.Where(resource => resource.Kind == "Component");

    public IReadOnlyList<T> All<T>() => Objects.OfType<T>().ToList();

    public static RenderedOverlay Render(string directory) =>
        new(Path.GetFileName(directory), KustomizeBuild.Render(directory));

    /// <summary>Documents given as YAML text, for feeding the checks a manifest made to be wrong.</summary>
    public static RenderedOverlay FromYaml(string yaml) => new("inline", YamlNodes.ParseDocuments(yaml));

    public override string ToString() => Name;
}
