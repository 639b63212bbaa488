using OneDay.Config.Tests.Validation;
using OneDay.Deployment.Tests.Manifests;

namespace OneDay.Deployment.Tests.Checks;

/// <summary>The Dapr Components of an overlay: what Dapr accepts, who may load them, where their secrets come from.</summary>
internal static class ComponentChecks
{
    /// <summary>Metadata that carries a credential, or a connection string that may embed one.</summary>
    private static readonly string[] Credentials =
    [
        "redisPassword", "sentinelPassword", "password", "connectionString", "authToken", "accountSid", "securityToken",
        "clientKey", "MTLSClientKey", "azureClientSecret", "accessKey", "secretKey",
    ];

    /// <summary>The checks the self-hosted components/ pass (OneDay.Config.Tests), each Component and the set together.</summary>
    public static IEnumerable<string> AsDaprAcceptsThem(RenderedOverlay overlay, IReadOnlySet<string> appIds) =>
        overlay.Components
            .SelectMany(component => ComponentValidator.Validate(component, appIds).Select(problem => $"Component {component.Name}: {problem}"))
            .Concat(ComponentValidator.ValidateSet(overlay.DaprResources));

    /// <summary>Each component a service uses exists and is in scope for exactly the apps that use it.</summary>
    public static IEnumerable<string> Scopes(RenderedOverlay overlay, IReadOnlySet<string> appIds)
    {
        var bindings = overlay.Components.Where(c => c.ComponentType?.StartsWith("bindings.", StringComparison.Ordinal) == true).Select(c => c.Name).OfType<string>();
        foreach (var (name, users) in ComponentUsage.AppsUsing(appIds, bindings))
        {
            var component = overlay.Components.FirstOrDefault(c => c.Name == name);
            if (component is null)
            {
                yield return $"Component {name}: missing (used by {string.Join(", ", users)})";
                continue;
            }

            var inScope = AppsInScope(component, appIds);
            foreach (var app in users.Except(inScope))
                yield return $"Component {name}: {app} uses it but is not in its scopes";
            foreach (var app in inScope.Except(users))
                yield return $"Component {name}: {app} is in its scopes but does not use it";
        }
    }

    /// <summary>
    /// Credentials come from a secret store, never from the manifest, and that store is loaded by every app
    /// that loads the component (daprd resolves the reference with its own components).
    /// </summary>
    public static IEnumerable<string> Secrets(RenderedOverlay overlay, IReadOnlySet<string> appIds)
    {
        foreach (var component in overlay.Components)
        {
            foreach (var entry in component.ComponentMetadata)
            {
                var name = entry.ScalarAt("name");
                if (Credentials.Contains(name, StringComparer.OrdinalIgnoreCase) && entry.Child("secretKeyRef") is null)
                    yield return $"Component {component.Name}: {name} is given inline; reference a secret";
            }

            if (component.Node.MappingAt("auth")?.ScalarAt("secretStore") is not { } storeName)
                continue;
            if (overlay.Components.FirstOrDefault(c => c.Name == storeName) is not { } store)
                continue; // ComponentValidator.ValidateSet reports a store that is not there.
            foreach (var app in AppsInScope(component, appIds).Except(AppsInScope(store, appIds)))
                yield return $"Component {component.Name}: its secret store {storeName} is not in scope for {app}";
        }
    }

    /// <summary>Components without scopes are loaded by every app.</summary>
    public static IReadOnlyList<string> AppsInScope(DaprResource component, IReadOnlySet<string> appIds) =>
        component.Node.ScalarsAt("scopes") is { Count: > 0 } scopes ? scopes : [.. appIds];
}
