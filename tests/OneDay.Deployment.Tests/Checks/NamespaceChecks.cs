using k8s.Models;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

internal static class NamespaceChecks
{
    /// <summary>Everything lives in the one namespace the overlay creates; Dapr loads only the app's namespace's resources.</summary>
    public static IEnumerable<string> AllIn(RenderedOverlay overlay, string name)
    {
        var namespaces = overlay.All<V1Namespace>();
        if (namespaces.Count != 1 || namespaces[0].Name() != name)
            yield return $"the overlay creates namespaces {string.Join(", ", namespaces.Select(n => n.Name()))}, not only {name}";

        foreach (var item in overlay.Objects.Where(o => o is not V1Namespace && o.Namespace() != name))
            yield return $"{item.Kind} {item.Name()}: in namespace '{item.Namespace()}'";
        foreach (var resource in overlay.DaprResources.Where(r => r.Node.MappingAt("metadata")?.ScalarAt("namespace") != name))
            yield return $"{resource.Kind} {resource.Name}: not in namespace {name}";
    }
}
