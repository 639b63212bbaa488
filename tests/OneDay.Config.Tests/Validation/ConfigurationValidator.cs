using System.Globalization;
using YamlDotNet.RepresentationModel;
using static OneDay.Config.Tests.Validation.YamlShape;

namespace OneDay.Config.Tests.Validation;

/// <summary>Checks a <c>kind: Configuration</c> resource the way daprd reads it.</summary>
internal static class ConfigurationValidator
{
    private static readonly YamlShape Pipeline = Map(
        ("handlers", ListOf(Map(("name", Any), ("type", Any), ("version", Any), ("selector", Map(("fields", ListOf(Leaves("field", "value")))))))));

    private static readonly YamlShape Metrics = Map(
        ("enabled", Any),
        ("recordErrorCodes", Any),
        ("http", Leaves("increasedCardinality", "pathMatching", "excludeVerbs")),
        ("latencyDistributionBuckets", Any),
        ("rules", ListOf(Map(("name", Any), ("labels", ListOf(Leaves("name", "regex")))))));

    private static readonly YamlShape ApiRules = ListOf(Leaves("name", "version", "protocol"));

    // dapr pkg/config/configuration.go (release-1.16): the keys of Configuration and its nested specs.
    private static readonly YamlShape Shape = Map(
        ("apiVersion", Any),
        ("kind", Any),
        ("metadata", Leaves("name", "namespace", "labels", "annotations")),
        ("spec", Map(
            ("httpPipeline", Pipeline),
            ("appHttpPipeline", Pipeline),
            ("tracing", Map(
                ("samplingRate", Any),
                ("stdout", Any),
                ("zipkin", Leaves("endpointAddress")),
                ("otel", Leaves("protocol", "endpointAddress", "isSecure", "headers", "timeout")))),
            ("mtls", Map(
                ("enabled", Any), ("workloadCertTTL", Any), ("allowedClockSkew", Any), ("sentryAddress", Any),
                ("controlPlaneTrustDomain", Any), ("tokenValidators", ListOf(Leaves("name", "options"))))),
            ("metric", Metrics),
            ("metrics", Metrics),
            ("secrets", Map(("scopes", ListOf(Leaves("storeName", "defaultAccess", "allowedSecrets", "deniedSecrets"))))),
            ("accessControl", Map(
                ("defaultAction", Any),
                ("trustDomain", Any),
                ("policies", ListOf(Map(
                    ("appId", Any), ("defaultAction", Any), ("trustDomain", Any), ("namespace", Any),
                    ("operations", ListOf(Leaves("name", "httpVerb", "action")))))))),
            ("nameResolution", Leaves("component", "version", "configuration")),
            ("features", ListOf(Leaves("name", "enabled"))),
            ("api", Map(("allowed", ApiRules), ("denied", ApiRules))),
            ("components", Leaves("deny")),
            ("logging", Map(("apiLogging", Leaves("enabled", "obfuscateURLs", "omitHealthChecks")))),
            ("wasm", Leaves("strictSandbox")),
            ("workflow", Leaves("maxConcurrentWorkflowInvocations", "maxConcurrentActivityInvocations")))));

    // The names of common.v1.HTTPExtension.Verb, which the ACL compares verbatim (pkg/acl); "*" is any verb.
    private static readonly string[] HttpVerbs = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "*"];

    public static IReadOnlyList<string> Validate(DaprResource configuration, IReadOnlySet<string> appIds)
    {
        var problems = new List<string>();
        Shape.Check(configuration.Node, "", problems);
        if (configuration.Spec.MappingAt("tracing") is { } tracing)
            CheckTracing(tracing, problems);
        if (configuration.Spec.MappingAt("accessControl") is { } accessControl)
            CheckAccessControl(accessControl, appIds, problems);
        return problems;
    }

    private static void CheckTracing(YamlMappingNode tracing, List<string> problems)
    {
        // The CRD types samplingRate as a string; daprd parses it as a float and treats a bad one as "0".
        if (tracing.Child("samplingRate") is { } rate)
        {
            if (rate is not YamlScalarNode scalar || !scalar.IsString())
                problems.Add("spec.tracing.samplingRate must be a string, e.g. \"1\"");
            else if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
                problems.Add($"spec.tracing.samplingRate '{scalar.Value}' is not a number from 0 to 1");
        }

        foreach (var exporter in new[] { "zipkin", "otel" })
        {
            if (tracing.MappingAt(exporter) is { } settings && string.IsNullOrEmpty(settings.ScalarAt("endpointAddress")))
                problems.Add($"spec.tracing.{exporter}.endpointAddress is missing");
        }
    }

    private static void CheckAccessControl(YamlMappingNode accessControl, IReadOnlySet<string> appIds, List<string> problems)
    {
        CheckAction(accessControl.ScalarAt("defaultAction"), "spec.accessControl.defaultAction", optional: true, problems);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var policies = accessControl.SequenceAt("policies").OfType<YamlMappingNode>().ToList();
        for (var i = 0; i < policies.Count; i++)
        {
            var policy = policies[i];
            var path = $"spec.accessControl.policies[{i}]";
            var appId = policy.ScalarAt("appId");
            if (string.IsNullOrEmpty(appId))
                problems.Add($"{path}: appId is missing");
            else if (!appIds.Contains(appId))
                problems.Add($"{path}: appId '{appId}' is not an app id");

            // pkg/acl ParseAccessControlSpec rejects the whole access control list when any policy lacks these.
            foreach (var key in new[] { "trustDomain", "namespace" }.Where(key => string.IsNullOrEmpty(policy.ScalarAt(key))))
                problems.Add($"{path}: {key} is missing, so daprd rejects the whole access control list");

            // Policies are kept in a map by appId and namespace: a second one silently replaces the first.
            if (!seen.Add($"{appId}||{policy.ScalarAt("namespace")}"))
                problems.Add($"{path}: a second policy for '{appId}' in the same namespace replaces the first");

            CheckAction(policy.ScalarAt("defaultAction"), $"{path}.defaultAction", optional: true, problems);
            CheckOperations(policy.SequenceAt("operations").OfType<YamlMappingNode>().ToList(), path, problems);
        }
    }

    private static void CheckOperations(List<YamlMappingNode> operations, string policyPath, List<string> problems)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            var path = $"{policyPath}.operations[{i}]";
            var name = operations[i].ScalarAt("name");
            if (name is null || !name.StartsWith('/'))
                problems.Add($"{path}: name '{name}' must start with '/'");

            // An operation without an action matches and then denies: isActionAllowed("") is false.
            CheckAction(operations[i].ScalarAt("action"), $"{path}.action", optional: false, problems);

            var verbs = operations[i].ScalarsAt("httpVerb");
            if (verbs.Count == 0)
                problems.Add($"{path}: httpVerb is empty, so the operation decides no HTTP call");
            foreach (var verb in verbs.Where(verb => !HttpVerbs.Contains(verb, StringComparer.Ordinal)))
                problems.Add($"{path}: httpVerb '{verb}' is not one of {string.Join(", ", HttpVerbs)}");
        }
    }

    // The runtime compares actions case-insensitively (pkg/acl isActionAllowed).
    private static void CheckAction(string? action, string path, bool optional, List<string> problems)
    {
        if (action is null && optional)
            return;
        if (!string.Equals(action, "allow", StringComparison.OrdinalIgnoreCase) && !string.Equals(action, "deny", StringComparison.OrdinalIgnoreCase))
            problems.Add($"{path} '{action}' must be allow or deny");
    }
}
