using k8s.Models;

namespace OneDay.Deployment.Tests.Manifests;

internal static class DeploymentExtensions
{
    public static IDictionary<string, string> PodAnnotations(this V1Deployment deployment) =>
        deployment.Spec.Template.Metadata?.Annotations ?? new Dictionary<string, string>();

    public static string? PodAnnotation(this V1Deployment deployment, string key) =>
        deployment.PodAnnotations().TryGetValue(key, out var value) ? value : null;

    public static string AppId(this V1Deployment deployment) =>
        deployment.PodAnnotation(DaprAnnotations.AppId) ?? deployment.Name();

    /// <summary>The pod's own container: the only one before the Dapr injector adds daprd.</summary>
    public static V1Container? AppContainer(this V1Deployment deployment) =>
        deployment.Spec.Template.Spec.Containers is [var only] ? only : null;

    public static IDictionary<string, string> PodLabels(this V1Deployment deployment) =>
        deployment.Spec.Template.Metadata?.Labels ?? new Dictionary<string, string>();

    /// <summary>True when the port, by name or number, is one the container declares.</summary>
    public static bool HasPort(this V1Container container, IntOrString? port) =>
        port?.Value is { } value
        && container.Ports?.Any(p => p.Name == value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == value) == true;

    public static V1EnvVar? Env(this V1Container container, string name) =>
        container.Env?.FirstOrDefault(variable => variable.Name == name);

    /// <summary>True when the selector's labels all appear, with the same values, among the given labels.</summary>
    public static bool Selects(this IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
