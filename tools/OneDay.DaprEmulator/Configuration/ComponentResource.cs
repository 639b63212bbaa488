namespace OneDay.DaprEmulator.Configuration;

/// <summary>A `kind: Component` resource (dapr pkg/apis/components/v1alpha1/types.go).</summary>
public sealed record ComponentResource(
    string Name,
    string Type,
    string Version,
    IReadOnlyList<ComponentMetadataItem> Metadata,
    IReadOnlyList<string> Scopes,
    string? AuthSecretStore,
    string SourceFile)
{
    /// <summary>"pubsub", "state", "secretstores", "bindings" …: the part of the type before the first dot.</summary>
    public string BuildingBlock => Type.Split('.')[0];

    public bool IsScopedTo(string appId) => Scopes.Count == 0 || Scopes.Contains(appId, StringComparer.Ordinal);
}

/// <summary>One metadata entry: a literal value, a secret reference or an environment variable reference.</summary>
public sealed record ComponentMetadataItem(string Name, string? Value, SecretKeyRef? SecretKeyRef, string? EnvRef);

public sealed record SecretKeyRef(string Name, string? Key);
