using OneDay.Config.Tests.Validation;
using OneDay.Testing;
using YamlDotNet.RepresentationModel;

namespace OneDay.Config.Tests.Apps;

/// <summary>
/// The sidecars' Configurations: one per app, in a folder of files named by app id (components/configuration for
/// self-hosted runs, k8s/base/dapr/configuration for Kubernetes), each with its app's secret scope and callers.
/// </summary>
internal static class AppConfigurations
{
    public const string SelfHosted = "components/configuration";
    public const string Kubernetes = "k8s/base/dapr/configuration";

    /// <summary>The secret store the services read (Dapr:SecretStore's default) and the components resolve from.</summary>
    public const string SecretStore = "secretstore";

    public static IReadOnlyDictionary<string, DaprResource> In(string folder) =>
        OneDayApps.All.ToDictionary(app => app.AppId, app => Load($"{folder}/{app.AppId}.yaml"), StringComparer.Ordinal);

    public static DaprResource Load(string path) =>
        DaprResource.Parse(File.ReadAllText(RepositoryFolder.PathOf(path)), path).Single(resource => resource.Kind == "Configuration");

    /// <summary>
    /// Problems: the secrets API of <paramref name="configuration"/>'s sidecar does not deny by default, or allows
    /// other secrets than <paramref name="readByApp"/> (a secret the app needs is refused, or another app's is given).
    /// </summary>
    public static IEnumerable<string> SecretScope(DaprResource configuration, IReadOnlyList<string> readByApp)
    {
        var scopes = configuration.Spec.MappingAt("secrets")?.SequenceAt("scopes").OfType<YamlMappingNode>().ToList() ?? [];
        if (scopes.SingleOrDefault(scope => scope.ScalarAt("storeName") == SecretStore) is not { } scope)
        {
            yield return $"{configuration.Name}: no secret scope for {SecretStore}, so its sidecar gives out every secret";
            yield break;
        }
        if (scope.ScalarAt("defaultAccess") != "deny")
            yield return $"{configuration.Name}: defaultAccess is '{scope.ScalarAt("defaultAccess")}', not deny";
        var allowed = scope.ScalarsAt("allowedSecrets").Order(StringComparer.Ordinal).ToList();
        var read = readByApp.Order(StringComparer.Ordinal).ToList();
        if (!allowed.SequenceEqual(read, StringComparer.Ordinal))
            yield return $"{configuration.Name}: allows [{string.Join(", ", allowed)}]; its app reads [{string.Join(", ", read)}]";
    }
}
