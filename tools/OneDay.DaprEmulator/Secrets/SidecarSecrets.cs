using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Secrets;

/// <summary>
/// The secrets API over a sidecar's secret stores, with daprd's errors (docs/dapr-sidecar.md §C.4) and the app's
/// secret scopes: a key out of scope is refused, and left out of a bulk read (dapr v1.16.9 pkg/api/universal/secrets.go).
/// </summary>
public static class SidecarSecrets
{
    public static IReadOnlyDictionary<string, string> Get(Sidecar sidecar, string storeName, string key)
    {
        var store = Store(sidecar, storeName);
        if (!sidecar.Resources.Configuration.MayReadSecret(storeName, key)) throw DaprApiException.SecretPermissionDenied(key, storeName);
        return store.Get(key) ?? throw DaprApiException.SecretGet(key, storeName, $"secret {key} not found");
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetBulk(Sidecar sidecar, string storeName) =>
        Store(sidecar, storeName).GetAll()
            .Where(secret => sidecar.Resources.Configuration.MayReadSecret(storeName, secret.Key))
            .ToDictionary(secret => secret.Key, secret => secret.Value, StringComparer.Ordinal);

    private static LocalFileSecretStore Store(Sidecar sidecar, string name)
    {
        if (sidecar.Components.SecretStores.Count == 0) throw DaprApiException.SecretsNotConfigured();
        return sidecar.Components.SecretStores.TryGetValue(name, out var store) ? store : throw DaprApiException.SecretStoreNotFound(name);
    }
}
