using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.Testing;

/// <summary>
/// One Dapr emulator with the components services need (pubsub, statestore, secretstore) and a secret
/// store the test fills: connection strings, the test tokens' public key. Services started from it run
/// beside their own sidecar and meet each other only through Dapr, as in production.
/// </summary>
public sealed class DaprTestEnvironment : IAsyncDisposable
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal) { ["Jwt:PublicKey"] = TestTokens.PublicKeyPem };
    private readonly List<IAsyncDisposable> _hosts = [];

    public DaprTestEnvironment()
    {
        Directory.CreateDirectory(ResourcesFolder);
        Write("pubsub.yaml", TestFolders.PubSubComponent);
        Write("statestore.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.redis
              version: v1
              metadata:
              - name: redisHost
                value: localhost:6379
              - name: actorStateStore
                value: "true"
            """);
        Write("secretstore.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: secretstore
            spec:
              type: secretstores.local.file
              version: v1
              metadata:
              - name: secretsFile
                value: {SecretsFile}
            """);
        WriteSecrets();
    }

    // ONEDAY_EMULATOR_LOG=1 shows what the sidecars do while a test runs.
    public EmulatorCluster Cluster { get; } = new(Environment.GetEnvironmentVariable("ONEDAY_EMULATOR_LOG") == "1"
        ? LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance);

    public string ResourcesFolder { get; } = Path.Combine(Path.GetTempPath(), "oneday-service-tests", Guid.NewGuid().ToString("N"));

    private string SecretsFile => Path.Combine(ResourcesFolder, "secrets.json");

    /// <summary>The token sidecars send their app and services demand (APP_API_TOKEN), when <see cref="WithAppApiToken"/> set one.</summary>
    public string? AppApiToken { get; private set; }

    /// <summary>Sets a secret; sidecars started afterwards see it (secretstores.local.file reads at start).</summary>
    public DaprTestEnvironment WithSecret(string key, string value)
    {
        _secrets[key] = value;
        WriteSecrets();
        return this;
    }

    /// <summary>
    /// Sidecars started afterwards send <paramref name="token"/> as dapr-api-token on every call to their app,
    /// and services started afterwards get it as APP_API_TOKEN, as `dapr.io/app-token-secret` gives both.
    /// </summary>
    public DaprTestEnvironment WithAppApiToken(string token)
    {
        AppApiToken = token;
        return this;
    }

    public SidecarOptions SidecarOptions(string appId, int appPort) => new()
    {
        AppId = appId,
        AppPort = appPort,
        ResourcesPaths = [ResourcesFolder],
        WorkingDirectory = ResourcesFolder,
        AppApiToken = AppApiToken,
    };

    /// <summary>Starts <typeparamref name="TProgram"/> on a real port beside a new sidecar and waits until Dapr is connected to it.</summary>
    public async Task<ServiceTestHost<TProgram>> StartServiceAsync<TProgram>(string appId, IReadOnlyDictionary<string, string?>? settings = null)
        where TProgram : class
    {
        var host = await ServiceTestHost<TProgram>.StartAsync(this, appId, settings ?? new Dictionary<string, string?>()).ConfigureAwait(false);
        _hosts.Add(host);
        return host;
    }

    private void WriteSecrets() => File.WriteAllText(SecretsFile, JsonSerializer.Serialize(_secrets));

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(ResourcesFolder, name), yaml);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts)) await host.DisposeAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
        TestFolders.TryDelete(ResourcesFolder);
    }
}
