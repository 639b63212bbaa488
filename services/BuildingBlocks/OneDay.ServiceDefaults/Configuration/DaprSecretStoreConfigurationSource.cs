using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Configuration;

namespace OneDay.ServiceDefaults.Configuration;

/// <summary>
/// Loads the named secrets of a Dapr secret store into configuration at start-up, so connection strings
/// and keys are read like any setting ("ConnectionStrings:users", "Jwt:PublicKey") but live only in the
/// secret store. Each secret is a set of keys (a Kubernetes Secret; a top-level object of a multi-valued
/// secrets file) whose names are configuration keys, with "__" for ":" where the store allows no colon.
/// A service names only the secrets it needs: it never holds another service's credentials, and in
/// Kubernetes its service account may get exactly those Secrets and no others.
/// </summary>
public sealed class DaprSecretStoreConfigurationSource(
    string storeName, IReadOnlyList<string> secretNames, Func<DaprClient> clientFactory, TimeSpan sidecarWait) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(storeName, secretNames, clientFactory, sidecarWait);

    private sealed class Provider(string storeName, IReadOnlyList<string> secretNames, Func<DaprClient> clientFactory, TimeSpan sidecarWait)
        : ConfigurationProvider
    {
        public override void Load()
        {
            using var client = clientFactory();
            using var timeout = new CancellationTokenSource(sidecarWait);
            try
            {
                client.WaitForSidecarAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException ex)
            {
                throw new InvalidOperationException(
                    $"The Dapr sidecar did not answer within {sidecarWait.TotalSeconds:0} s, so secret store '{storeName}' could not be read. Start the app with its sidecar (scripts/run.sh).", ex);
            }
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in secretNames)
            {
                foreach (var (key, value) in Read(client, name, timeout.Token)) data[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }
            Data = data;
        }

        private Dictionary<string, string> Read(DaprClient client, string name, CancellationToken cancellationToken)
        {
            try
            {
                return client.GetSecretAsync(storeName, name, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            }
            catch (DaprException ex)
            {
                throw new InvalidOperationException(
                    $"Secret '{name}' could not be read from secret store '{storeName}': {ex.InnerException?.Message ?? ex.Message}. " +
                    "Locally scripts/dev-secrets.sh writes it; in Kubernetes k8s/README.md lists the Secrets each service reads.", ex);
            }
        }
    }
}
