using k8s.Models;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;
using YamlDotNet.RepresentationModel;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>The sidecars' Configuration and Resiliency, against Dapr and against their self-hosted counterparts.</summary>
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
    /// The self-hosted access rules, made enforceable: with mTLS every caller is known, so the global default
    /// is deny; each app's policy is the self-hosted one, in the apps' namespace.
    /// </summary>
    public static IEnumerable<string> AccessControl(DaprResource configuration, DaprResource selfHosted)
    {
        var accessControl = configuration.Spec.MappingAt("accessControl") ?? new YamlMappingNode();
        if (accessControl.ScalarAt("defaultAction") != "deny")
            yield return "accessControl.defaultAction is not deny";
        if (configuration.Spec.MappingAt("mtls") is not null)
            yield return "mtls is set in an app Configuration, where daprd ignores it; it belongs in daprsystem (k8s/dapr-system)";

        var policies = Policies(accessControl);
        var expected = Policies(selfHosted.Spec.MappingAt("accessControl") ?? new YamlMappingNode());
        foreach (var (appId, policy) in policies)
        {
            if (policy.ScalarAt("namespace") != Namespace)
                yield return $"policy {appId}: namespace '{policy.ScalarAt("namespace")}' is not {Namespace}";
        }

        foreach (var appId in policies.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
        {
            var rules = policies.TryGetValue(appId, out var policy) ? Rules(policy) : "(no policy)";
            var selfHostedRules = expected.TryGetValue(appId, out var selfHostedPolicy) ? Rules(selfHostedPolicy) : "(no policy)";
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
        if (YamlText.Of(resiliency.Spec) != YamlText.Of(selfHosted.Spec))
            yield return $"Resiliency {resiliency.Name}: spec differs from components/resiliency.yaml";
    }

    private static Dictionary<string, YamlMappingNode> Policies(YamlMappingNode accessControl) =>
        accessControl.SequenceAt("policies").OfType<YamlMappingNode>().ToDictionary(policy => policy.ScalarAt("appId") ?? "", StringComparer.Ordinal);

    private static string Rules(YamlMappingNode policy) =>
        $"default {policy.ScalarAt("defaultAction")}; " + string.Join("; ", policy.SequenceAt("operations").OfType<YamlMappingNode>()
            .Select(operation => $"{operation.ScalarAt("action")} {string.Join(",", operation.ScalarsAt("httpVerb"))} {operation.ScalarAt("name")}"));
}
