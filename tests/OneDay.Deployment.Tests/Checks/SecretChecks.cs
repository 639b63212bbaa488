using System.Text.RegularExpressions;
using k8s.Models;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

internal sealed record SecretKey(string Secret, string Key)
{
    public override string ToString() => $"{Secret}/{Key}";
}

/// <summary>
/// The manifests name Secrets but hold no secret values: operators create them with the commands of
/// k8s/README.md. Every secret key the manifests read must be one those commands create.
/// </summary>
internal static partial class SecretChecks
{
    public static IEnumerable<string> Documented(RenderedOverlay overlay, string readme)
    {
        var documented = DocumentedIn(readme);
        return Referenced(overlay)
            .Where(reference => !documented.Contains(reference.Key))
            .Select(reference => $"{reference.Value} reads secret {reference.Key}, which k8s/README.md does not create");
    }

    /// <summary>Every secret key an overlay reads, with who reads it.</summary>
    public static IReadOnlyDictionary<SecretKey, string> Referenced(RenderedOverlay overlay)
    {
        var references = new Dictionary<SecretKey, string>();
        foreach (var component in overlay.Components)
        {
            foreach (var reference in component.ComponentMetadata.Select(entry => entry.MappingAt("secretKeyRef")).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>())
                references.TryAdd(new SecretKey(reference.ScalarAt("name") ?? "", reference.ScalarAt("key") ?? ""), $"Component {component.Name}");
        }

        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var reader = $"Deployment {deployment.Name()}";
            foreach (var annotation in new[] { DaprAnnotations.ApiTokenSecret, DaprAnnotations.AppTokenSecret })
            {
                if (deployment.PodAnnotation(annotation) is { } secret)
                    references.TryAdd(new SecretKey(secret, DaprAnnotations.TokenKey), reader);
            }

            foreach (var reference in deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []).Select(env => env.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>())
                references.TryAdd(new SecretKey(reference.Name, reference.Key), reader);
        }

        return references;
    }

    /// <summary>The keys that the README's <c>kubectl create secret generic</c> commands create.</summary>
    public static IReadOnlySet<SecretKey> DocumentedIn(string readme)
    {
        var keys = new HashSet<SecretKey>();
        // A command runs on over lines ending in a backslash.
        foreach (var command in readme.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            if (CreateSecret().Match(command) is not { Success: true } create)
                continue;
            foreach (Match source in FromSource().Matches(command))
                keys.Add(new SecretKey(create.Groups["secret"].Value, source.Groups["key"].Value));
        }

        return keys;
    }

    [GeneratedRegex(@"kubectl .*create secret generic (?<secret>[a-z0-9.-]+)")]
    private static partial Regex CreateSecret();

    [GeneratedRegex(@"--from-(literal|file)=(?<key>[A-Za-z0-9._-]+)=")]
    private static partial Regex FromSource();
}
