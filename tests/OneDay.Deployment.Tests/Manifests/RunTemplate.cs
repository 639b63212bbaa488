using OneDay.Config.Tests.Validation;
using OneDay.Testing;

namespace OneDay.Deployment.Tests.Manifests;

internal sealed record RunTemplateApp(string AppId, long AppPort, string AppDirPath);

/// <summary>dapr.yaml, where each app's id and port are set for self-hosted runs; Kubernetes must agree.</summary>
internal static class RunTemplate
{
    public static IReadOnlyList<RunTemplateApp> Apps { get; } = YamlNodes.ParseDocument(File.ReadAllText(RepositoryFolder.PathOf("dapr.yaml")))
        .SequenceAt("apps")
        .Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
        .Select(app => new RunTemplateApp(
            app.ScalarAt("appID") ?? throw new InvalidDataException("dapr.yaml: an app has no appID."),
            app.Child("appPort") is { } port && port.TryGetInteger(out var number) ? number : throw new InvalidDataException("dapr.yaml: an app has no appPort."),
            app.ScalarAt("appDirPath") ?? throw new InvalidDataException("dapr.yaml: an app has no appDirPath.")))
        .ToList();

    public static IReadOnlySet<string> AppIds { get; } = Apps.Select(app => app.AppId).ToHashSet(StringComparer.Ordinal);

    /// <summary>Each app's project folder (appDirPath), relative to the repository root.</summary>
    public static IReadOnlyDictionary<string, string> AppDirectories { get; } = Apps.ToDictionary(app => app.AppId, app => app.AppDirPath, StringComparer.Ordinal);
}
