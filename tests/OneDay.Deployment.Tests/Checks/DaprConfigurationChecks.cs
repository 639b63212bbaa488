using k8s.Models;
using OneDay.Config.Tests.Apps;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>The sidecars' Configurations and Resiliency, against Dapr and against their self-hosted counterparts.</summary>
internal static class DaprConfigurationChecks
{
    public const string Namespace = "oneday";

    public static IEnumerable<string> AsDaprAcceptsThem(RenderedOverlay overlay, IReadOnlySet<string> appIds)
    {
        var componentNames = overlay.Components.Select(component => component.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in overlay.DaprResources)
        {
            var problems = resource.Kind switch
            {
                "Configuration" => ConfigurationValidator.Validate(resource, appIds),
                "Resiliency" => ResiliencyValidator.Validate(resource, appIds, componentNames),
                _ => [],
            };
            foreach (var problem in problems)
                yield return $"{resource.Kind} {resource.Name}: {problem}";
        }
    }

    /// <summary>
    /// Each Deployment's sidecar reads its app's own Configuration (dapr.io/config: &lt;app id&gt;-config), which holds
    /// the secret scope and callers of the self-hosted components/configuration/&lt;app id&gt;.yaml.
    /// </summary>
    public static IEnumerable<string> OwnConfigurations(RenderedOverlay overlay)
    {
        var configurations = overlay.DaprResources.Where(resource => resource.Kind == "Configuration").ToDictionary(resource => resource.Name ?? "", StringComparer.Ordinal);
        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var app = deployment.AppId();
            var name = deployment.PodAnnotation(DaprAnnotations.ConfigurationName);
            if (name != $"{app}-config")
            {
                yield return $"Deployment {deployment.Name()}: {DaprAnnotations.ConfigurationName} is '{name}', not its own {app}-config";
                continue;
            }
            // A name that no Configuration has is SidecarChecks.Settings' to report.
            if (!configurations.TryGetValue(name, out var configuration))
                continue;
            var selfHosted = AppConfigurations.Load($"{AppConfigurations.SelfHosted}/{app}.yaml");
            foreach (var problem in AccessControl(configuration, selfHosted))
                yield return $"Configuration {name}: {problem}";
            if (Text(configuration.Spec.Child("secrets")) != Text(selfHosted.Spec.Child("secrets")))
                yield return $"Configuration {name}: secrets differ from the self-hosted {AppConfigurations.SelfHosted}/{app}.yaml";
        }
    }

    /// <summary>
    /// The self-hosted access rules, made enforceable: with mTLS every caller is known, so the global default is
    /// deny and a caller the self-hosted file denies by name needs no policy; the others keep their self-hosted
    /// policy, in the apps' namespace.
    /// </summary>
    public static IEnumerable<string> AccessControl(DaprResource configuration, DaprResource selfHosted)
    {
        var accessControl = configuration.Spec.MappingAt("accessControl") ?? new YamlMappingNode();
        if (accessControl.ScalarAt("defaultAction") != "deny")
            yield return "accessControl.defaultAction is not deny";
        if (configuration.Spec.MappingAt("mtls") is not null)
            yield return "mtls is set in an app Configuration, where daprd ignores it; it belongs in daprsystem (k8s/dapr-system)";

        var policies = Policies(accessControl);
        var selfHostedAccessControl = selfHosted.Spec.MappingAt("accessControl") ?? new YamlMappingNode();
        var expected = Policies(selfHostedAccessControl);
        foreach (var (appId, policy) in policies)
        {
            if (policy.ScalarAt("namespace") != Namespace)
                yield return $"policy {appId}: namespace '{policy.ScalarAt("namespace")}' is not {Namespace}";
        }

        foreach (var appId in policies.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
        {
            var rules = Rules(policies.GetValueOrDefault(appId), accessControl);
            var selfHostedRules = Rules(expected.GetValueOrDefault(appId), selfHostedAccessControl);
            if (rules != selfHostedRules)
                yield return $"policy {appId}: {rules}; self-hosted: {selfHostedRules}";
        }
    }

    /// <summary>Apps and sidecars send their spans to one Zipkin, so a request is one trace.</summary>
    public static IEnumerable<string> Tracing(RenderedOverlay overlay, DaprResource configuration)
    {
        var endpoint = configuration.Spec.MappingAt("tracing")?.MappingAt("zipkin")?.ScalarAt("endpointAddress");
        foreach (var deployment in overlay.All<V1Deployment>())
        {
            // The configuration key ServiceDefaults' TelemetryOptions reads (Telemetry:ZipkinEndpoint).
            var appEndpoint = deployment.AppContainer()?.Env("Telemetry__ZipkinEndpoint")?.Value;
            if (appEndpoint != endpoint)
                yield return $"Deployment {deployment.Name()}: the app sends spans to '{appEndpoint}', its sidecar to '{endpoint}'";
        }
    }

    /// <summary>The same policies and targets as self-hosted.</summary>
    public static IEnumerable<string> SameResiliency(DaprResource resiliency, DaprResource selfHosted)
    {
        if (YamlText.Content(resiliency.Spec) != YamlText.Content(selfHosted.Spec))
            yield return $"Resiliency {resiliency.Name}: spec differs from components/resiliency.yaml";
    }

    private static Dictionary<string, YamlMappingNode> Policies(YamlMappingNode accessControl) =>
        accessControl.SequenceAt("policies").OfType<YamlMappingNode>().ToDictionary(policy => policy.ScalarAt("appId") ?? "", StringComparer.Ordinal);

    /// <summary>What a caller may do: its policy's rules, or without one (or with a bare deny) the verdict on everything.</summary>
    private static string Rules(YamlMappingNode? policy, YamlMappingNode accessControl)
    {
        var operations = policy?.SequenceAt("operations").OfType<YamlMappingNode>().ToList() ?? [];
        var defaultAction = policy?.ScalarAt("defaultAction") ?? accessControl.ScalarAt("defaultAction");
        return operations.Count == 0 && defaultAction == "deny"
            ? "denied everything"
            : $"default {defaultAction}; " + string.Join("; ", operations
                .Select(operation => $"{operation.ScalarAt("action")} {string.Join(",", operation.ScalarsAt("httpVerb"))} {operation.ScalarAt("name")}"));
    }

    private static string Text(YamlNode? node) => node is null ? "" : YamlText.Content(node);
}
