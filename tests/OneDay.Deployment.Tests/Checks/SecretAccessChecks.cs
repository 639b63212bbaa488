using k8s.Models;
using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;
using OneDay.Testing;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>
/// Least privilege over Secrets: daprd reads them with its pod's service account, so each service account
/// may get exactly the Secrets its app and its components need — by name, never list — and no other.
/// </summary>
internal static class SecretAccessChecks
{
    /// <summary>What each app's daprd needs to get: the app's own secrets and its components' credentials.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Needed(RenderedOverlay overlay, IReadOnlyDictionary<string, IReadOnlyList<string>> readByApps)
    {
        var appIds = readByApps.Keys.ToHashSet(StringComparer.Ordinal);
        return readByApps.ToDictionary(
            app => app.Key,
            app => (IReadOnlySet<string>)app.Value
                .Concat(overlay.Components
                    .Where(component => ComponentChecks.AppsInScope(component, appIds).Contains(app.Key))
                    .SelectMany(component => component.ComponentMetadata)
                    .Select(entry => entry.MappingAt("secretKeyRef")?.ScalarAt("name"))
                    .OfType<string>())
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Problems: a Secret an app needs that its service account may not get, one it may get that the app
    /// needs in no overlay (an overlay may swap a component, and its Secret, for another), and any rule on
    /// Secrets that is not a plain get by name.
    /// </summary>
    public static IEnumerable<string> LeastPrivilege(
        RenderedOverlay overlay, IReadOnlyDictionary<string, IReadOnlySet<string>> needed, IReadOnlyDictionary<string, IReadOnlySet<string>> neededInAnyOverlay)
    {
        var roles = overlay.All<V1Role>().ToDictionary(role => role.Name(), StringComparer.Ordinal);
        foreach (var role in roles.Values)
        {
            foreach (var rule in (role.Rules ?? []).Where(CoversSecrets))
            {
                if (rule.ResourceNames is not { Count: > 0 })
                    yield return $"Role {role.Name()} may read every Secret; name the ones it needs (resourceNames)";
                foreach (var verb in rule.Verbs.Where(verb => verb != "get"))
                    yield return $"Role {role.Name()} may {verb} Secrets; daprd only gets them by name";
            }
        }
        // A ClusterRole's rules are not in the manifests to check; a namespaced grant is all daprd needs.
        foreach (var binding in overlay.All<V1RoleBinding>().Where(binding => binding.RoleRef.Kind != "Role"))
            yield return $"RoleBinding {binding.Name()} grants {binding.RoleRef.Kind} {binding.RoleRef.Name}; grant a Role of this namespace";

        foreach (var deployment in overlay.All<V1Deployment>())
        {
            var app = deployment.PodAnnotation(DaprAnnotations.AppId) ?? deployment.Name();
            var account = deployment.Spec.Template.Spec.ServiceAccountName ?? "default";
            var granted = overlay.All<V1RoleBinding>()
                .Where(binding => binding.RoleRef.Kind == "Role" && binding.Subjects?.Any(subject => subject.Kind == "ServiceAccount" && subject.Name == account) == true)
                .Select(binding => roles.GetValueOrDefault(binding.RoleRef.Name))
                .OfType<V1Role>()
                .SelectMany(role => role.Rules ?? [])
                .Where(rule => CoversSecrets(rule) && (rule.Verbs.Contains("get") || rule.Verbs.Contains("*")))
                .SelectMany(rule => rule.ResourceNames ?? [])
                .ToHashSet(StringComparer.Ordinal);
            foreach (var secret in needed.GetValueOrDefault(app, new HashSet<string>()).Except(granted).Order(StringComparer.Ordinal))
                yield return $"{app} needs Secret {secret}, which service account {account} may not get";
            foreach (var secret in granted.Except(neededInAnyOverlay.GetValueOrDefault(app, new HashSet<string>())).Order(StringComparer.Ordinal))
                yield return $"service account {account} may get Secret {secret}, which {app} never needs";
        }
    }

    /// <summary>Whether a rule reaches Secrets: the core API group and "secrets", either by name or by "*".</summary>
    private static bool CoversSecrets(V1PolicyRule rule) =>
        rule.ApiGroups?.Any(group => group is "" or "*") == true && rule.Resources?.Any(resource => resource is "secrets" or "*") == true;
}
