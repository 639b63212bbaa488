using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Secrets;

/// <summary>The secrets API over a sidecar's secret stores, with daprd's errors (DAPR-CONTRACTS §C.4).</summary>
public static class SidecarSecrets
{
    public static IReadOnlyDictionary<string, string> Get(Sidecar sidecar, string storeName, string key) =>
        Store(sidecar, storeName).Get(key) ?? throw DaprApiException.SecretGet(key, storeName, $"secret {key} not found");

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetBulk(Sidecar sidecar, string storeName) =>
        Store(sidecar, storeName).GetAll();

    private static LocalFileSecretStore Store(Sidecar sidecar, string name)
    {
        if (sidecar.Components.SecretStores.Count == 0) throw DaprApiException.SecretsNotConfigured();
        return sidecar.Components.SecretStores.TryGetValue(name, out var store) ? store : throw DaprApiException.SecretStoreNotFound(name);
    }
}
