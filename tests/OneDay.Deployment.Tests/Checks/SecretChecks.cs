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
        // A command runs on over lines ending in a backslash; one inside `for app in …; do … done` once per app.
        foreach (var command in Unrolled(readme.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')))
        {
            if (CreateSecret().Match(command) is not { Success: true } create)
                continue;
            foreach (Match source in FromSource().Matches(command))
                keys.Add(new SecretKey(create.Groups["secret"].Value, source.Groups["key"].Value));
        }

        return keys;
    }

    /// <summary>The lines, each line of a shell <c>for VAR in A B …; do</c> … <c>done</c> loop once per value, VAR replaced.</summary>
    private static IEnumerable<string> Unrolled(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (ForLoop().Match(lines[i]) is not { Success: true } loop)
            {
                yield return lines[i];
                continue;
            }
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "done") end++;
            var body = lines.Skip(i + 1).Take(end - i - 1).ToList();
            var variable = loop.Groups["variable"].Value;
            foreach (var value in loop.Groups["values"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var line in body)
                    yield return line.Replace("${" + variable + "}", value, StringComparison.Ordinal).Replace("$" + variable, value, StringComparison.Ordinal);
            }
            i = end;
        }
    }

    [GeneratedRegex(@"^\s*for (?<variable>[a-z_]+) in (?<values>[a-z0-9 -]+); do\s*$")]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"kubectl .*create secret generic ""?(?<secret>[a-z0-9.-]+)")]
    private static partial Regex CreateSecret();

    [GeneratedRegex(@"--from-(literal|file)=(?<key>[A-Za-z0-9._-]+)=")]
    private static partial Regex FromSource();
}
