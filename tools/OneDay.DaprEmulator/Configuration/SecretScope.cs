namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// One entry of a Configuration's `spec.secrets.scopes`: which keys of a secret store the app may read through the
/// secrets API (dapr v1.16.9 pkg/config/configuration.go, SecretsScope.IsSecretAllowed). A non-empty allow list
/// decides alone; otherwise a denied key is refused and the rest follow `defaultAccess` (allow unless "deny").
/// Components resolving their own `secretKeyRef`s are not subject to it.
/// </summary>
public sealed record SecretScope(string DefaultAccess, IReadOnlyList<string> AllowedSecrets, IReadOnlyList<string> DeniedSecrets)
{
    public bool IsAllowed(string key)
    {
        if (AllowedSecrets.Count > 0) return AllowedSecrets.Contains(key, StringComparer.Ordinal);
        if (DeniedSecrets.Contains(key, StringComparer.Ordinal)) return false;
        return !DefaultAccess.Equals("deny", StringComparison.OrdinalIgnoreCase);
    }
}
