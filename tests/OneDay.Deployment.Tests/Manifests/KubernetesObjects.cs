using k8s;
using k8s.Models;
using OneDay.Config.Tests.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Manifests;

/// <summary>Reads rendered documents into KubernetesClient models, or into Dapr resources for Dapr's kinds.</summary>
internal static class KubernetesObjects
{
    private sealed record Model(Type Type, Func<string, IKubernetesObject<V1ObjectMeta>> Deserialize);

    private static readonly Dictionary<(string ApiVersion, string Kind), Model> Models = new()
    {
        [("v1", "Namespace")] = Of<V1Namespace>(),
        [("v1", "ServiceAccount")] = Of<V1ServiceAccount>(),
        [("v1", "Service")] = Of<V1Service>(),
        [("rbac.authorization.k8s.io/v1", "Role")] = Of<V1Role>(),
        [("rbac.authorization.k8s.io/v1", "RoleBinding")] = Of<V1RoleBinding>(),
        [("apps/v1", "Deployment")] = Of<V1Deployment>(),
        [("autoscaling/v2", "HorizontalPodAutoscaler")] = Of<V2HorizontalPodAutoscaler>(),
        [("policy/v1", "PodDisruptionBudget")] = Of<V1PodDisruptionBudget>(),
        [("networking.k8s.io/v1", "Ingress")] = Of<V1Ingress>(),
        [("networking.k8s.io/v1", "NetworkPolicy")] = Of<V1NetworkPolicy>(),
    };

    private static readonly string[] DaprKinds = ["Component", "Configuration", "Resiliency"];

    /// <summary>Each document as a model; an unknown kind, an unknown field or a scalar of the wrong type is a problem.</summary>
    public static (IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects, IReadOnlyList<DaprResource> DaprResources, IReadOnlyList<string> Problems) Read(
        IReadOnlyList<YamlMappingNode> documents, string source)
    {
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var daprResources = new List<DaprResource>();
        var problems = new List<string>();

        foreach (var document in documents)
        {
            var apiVersion = document.ScalarAt("apiVersion") ?? "";
            var kind = document.ScalarAt("kind") ?? "";
            var name = $"{kind} {document.MappingAt("metadata")?.ScalarAt("name")}";

            if (apiVersion == DaprResource.ApiVersionV1Alpha1 && DaprKinds.Contains(kind))
                daprResources.Add(new DaprResource(source, document));
            else if (Models.TryGetValue((apiVersion, kind), out var model))
                objects.AddRange(ReadModel(document, model, name, problems));
            else
                problems.Add($"{name}: {apiVersion} {kind} is not a kind these tests know a model for");
        }

        return (objects, daprResources, problems);
    }

    // strict: a key the model does not have (a misspelt or misplaced field) is an error, not dropped.
    private static Model Of<T>() where T : IKubernetesObject<V1ObjectMeta> =>
        new(typeof(T), yaml => KubernetesYaml.Deserialize<T>(yaml, strict: true));

    private static IEnumerable<IKubernetesObject<V1ObjectMeta>> ReadModel(YamlMappingNode document, Model model, string name, List<string> problems)
    {
        problems.AddRange(ScalarTypeCheck.Problems(document, model.Type).Select(problem => $"{name}: {problem}"));
        try
        {
            return [model.Deserialize(YamlText.Of(document))];
        }
        catch (YamlException error)
        {
            problems.Add($"{name}: {error.Message}");
            return [];
        }
    }
}
