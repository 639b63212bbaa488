using Dapr.Client;
using Microsoft.Extensions.Configuration;

namespace OneDay.ServiceDefaults.Configuration;

/// <summary>
/// Loads every secret of a Dapr secret store into configuration at start-up, so connection strings and
/// keys are read like any setting ("ConnectionStrings:users", "Jwt:PublicKey") but live only in the
/// secret store. Secret keys use ":" nesting (secretstores.local.file's nestedSeparator) and map one to
/// one onto configuration keys; a multi-valued secret adds its values below its key.
/// </summary>
public sealed class DaprSecretStoreConfigurationSource(string storeName, Func<DaprClient> clientFactory, TimeSpan sidecarWait) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(storeName, clientFactory, sidecarWait);

    private sealed class Provider(string storeName, Func<DaprClient> clientFactory, TimeSpan sidecarWait) : ConfigurationProvider
    {
        public override void Load()
        {
            using var client = clientFactory();
            using var timeout = new CancellationTokenSource(sidecarWait);
            try
            {
                client.WaitForSidecarAsync(timeout.Token).GetAwaiter().GetResult();
                var secrets = client.GetBulkSecretAsync(storeName, cancellationToken: timeout.Token).GetAwaiter().GetResult();
                Data = secrets
                    .SelectMany(secret => secret.Value.Select(value => new KeyValuePair<string, string?>(
                        value.Key == secret.Key ? secret.Key : $"{secret.Key}:{value.Key}", value.Value)))
                    .ToDictionary(StringComparer.OrdinalIgnoreCase);
            }
            catch (OperationCanceledException ex)
            {
                throw new InvalidOperationException(
                    $"The Dapr sidecar did not answer within {sidecarWait.TotalSeconds:0} s, so secret store '{storeName}' could not be read. Start the app with its sidecar (scripts/run.sh).", ex);
            }
        }
    }
}
