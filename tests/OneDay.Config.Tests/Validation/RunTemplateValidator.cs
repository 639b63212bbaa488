using YamlDotNet.RepresentationModel;
using static OneDay.Config.Tests.Validation.YamlShape;

namespace OneDay.Config.Tests.Validation;

/// <summary>Checks a Dapr multi-app run template (<c>dapr.yaml</c>) the way the Dapr CLI reads it.</summary>
internal static class RunTemplateValidator
{
    // dapr/cli v1.16.5 pkg/standalone/run.go SharedRunConfig: allowed under common and under each app.
    private static readonly YamlShape Shared = Map(
        ("configFilePath", Any), ("appProtocol", Any), ("apiListenAddresses", Any), ("enableProfiling", Any),
        ("logLevel", Any), ("appMaxConcurrency", Any), ("placementHostAddress", Any), ("resourcesPath", Any),
        ("resourcesPaths", ListOf(Any)), ("appSSL", Any), ("maxBodySize", Any), ("readBufferSize", Any),
        ("enableAppHealthCheck", Any), ("appHealthCheckPath", Any), ("appHealthProbeInterval", Any),
        ("appHealthProbeTimeout", Any), ("appHealthThreshold", Any), ("enableApiLogging", Any), ("runtimePath", Any),
        ("env", MapOf(Any)), ("daprdLogDestination", Any), ("appLogDestination", Any), ("schedulerHostAddress", Any));

    // RunConfig, ContainerConfiguration and App of pkg/runfileconfig/run_file_config.go.
    private static readonly YamlShape App = Shared.With(
        ("appDirPath", Any), ("appID", Any), ("appChannelAddress", Any), ("appPort", Any), ("daprHTTPPort", Any),
        ("daprGRPCPort", Any), ("daprInternalGRPCPort", Any), ("metricsPort", Any), ("profilePort", Any),
        ("command", ListOf(Any)), ("unixDomainSocket", Any),
        ("containerImage", Any), ("containerImagePullPolicy", Any), ("createService", Any));

    private static readonly YamlShape Shape = Map(("version", Any), ("name", Any), ("common", Shared), ("apps", ListOf(App)));

    // Every port an app or its sidecar listens on; two listeners cannot share one.
    private static readonly string[] PortKeys = ["appPort", "daprHTTPPort", "daprGRPCPort", "daprInternalGRPCPort", "metricsPort", "profilePort"];

    public static IReadOnlyList<string> Validate(YamlMappingNode template)
    {
        var problems = new List<string>();
        Shape.Check(template, "", problems);

        // The CLI refuses a template without version or an app without appDirPath (validateRunConfig).
        if (template.ScalarAt("version") is null)
            problems.Add("version is missing");

        var owners = new Dictionary<long, string>();
        var apps = template.SequenceAt("apps").OfType<YamlMappingNode>().ToList();
        for (var i = 0; i < apps.Count; i++)
        {
            var path = $"apps[{i}]";
            if (string.IsNullOrEmpty(apps[i].ScalarAt("appDirPath")))
                problems.Add($"{path}.appDirPath is missing");

            foreach (var key in PortKeys)
            {
                if (apps[i].Child(key) is not { } node)
                    continue;
                if (!node.TryGetInteger(out var port) || port is < 1 or > 65535)
                    problems.Add($"{path}.{key} is not a port number");
                else if (!owners.TryAdd(port, $"{path}.{key}"))
                    problems.Add($"{path}.{key} {port} is already {owners[port]}");
            }
        }

        return problems;
    }
}
