using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.Contracts;
using OneDay.DaprEmulator.Hosting;
using OneDay.ServiceDefaults;

namespace OneDay.Testing;

/// <summary>
/// One Dapr emulator with the components services need (pubsub, statestore, secretstore) and a secret
/// store the test fills: connection strings, the test tokens' public key. Services started from it run
/// beside their own sidecar and meet each other only through Dapr, as in production.
/// </summary>
public sealed class DaprTestEnvironment : IAsyncDisposable
{
    // Secret name → its keys, as the multi-valued secrets file holds them: what every test service needs is
    // in "shared"; each service started gets a secret under its app id, as the services read theirs.
    private readonly Dictionary<string, Dictionary<string, string>> _secrets = new(StringComparer.Ordinal)
    {
        [ServiceDefaultsExtensions.SharedSecret] = new(StringComparer.Ordinal) { ["Jwt:PublicKey"] = TestTokens.PublicKeyPem },
    };
    private readonly List<IAsyncDisposable> _hosts = [];

    public DaprTestEnvironment()
    {
        Directory.CreateDirectory(ResourcesFolder);
        Write("pubsub.yaml", TestFolders.PubSubComponent(Redis.Address));
        Write("statestore.yaml", RedisStateStore("statestore", ("actorStateStore", "true")));
        // As components/tokenrevocations.yaml: every app reads the stamps users writes.
        Write("tokenrevocations.yaml", RedisStateStore("tokenrevocations", ("keyPrefix", "name")));
        Write("secretstore.yaml", DaprComponentYaml.Of("secretstore", "secretstores.local.file", [("secretsFile", SecretsFile), ("multiValued", "true")]));
        WriteSecrets();
    }

    private string RedisStateStore(string name, (string Name, string Value) setting) =>
        DaprComponentYaml.Of(name, "state.redis", [("redisHost", Redis.Address), setting]);

    // ONEDAY_EMULATOR_LOG=1 shows what the sidecars do while a test runs.
    public EmulatorCluster Cluster { get; } = new(Environment.GetEnvironmentVariable("ONEDAY_EMULATOR_LOG") == "1"
        ? LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
        : NullLoggerFactory.Instance);

    /// <summary>
    /// The Redis of this environment's pubsub and statestore: topics are streams under fixed names, so
    /// test projects running side by side each need their own.
    /// </summary>
    public PrivateRedisServer Redis { get; } = PrivateRedisServer.Start();

    public string ResourcesFolder { get; } = Path.Combine(Path.GetTempPath(), "oneday-service-tests", Guid.NewGuid().ToString("N"));

    private string SecretsFile => Path.Combine(ResourcesFolder, "secrets.json");

    /// <summary>Sets a key of a secret ("shared" unless named); sidecars started afterwards see it (secretstores.local.file reads at start).</summary>
    public DaprTestEnvironment WithSecret(string key, string value, string secretName = ServiceDefaultsExtensions.SharedSecret)
    {
        if (!_secrets.TryGetValue(secretName, out var keys)) _secrets[secretName] = keys = new(StringComparer.Ordinal);
        keys[key] = value;
        WriteSecrets();
        return this;
    }

    /// <summary>Whether sidecars get the repository's Configuration of their app id (otherwise none, so no access control).</summary>
    public bool UsesRepositoryConfiguration { get; private set; }

    /// <summary>The token sidecars send on every call to their app and services expect (APP_API_TOKEN); null: none.</summary>
    public string? AppApiToken { get; private set; }

    /// <summary>
    /// Gives each sidecar started afterwards the repository's own Configuration of its app id
    /// (components/configuration/&lt;app id&gt;.yaml, as dapr.yaml does), so the callee's access-control policy
    /// decides which app may invoke which route and its secret scope which secrets the app may read.
    /// </summary>
    public DaprTestEnvironment WithRepositoryConfiguration()
    {
        UsesRepositoryConfiguration = true;
        return this;
    }

    /// <summary>
    /// Sidecars started afterwards send <paramref name="token"/> to their app as `dapr-api-token`, and services
    /// started afterwards get it as APP_API_TOKEN, as Kubernetes' `dapr.io/app-token-secret` sets up both.
    /// </summary>
    public DaprTestEnvironment WithAppApiToken(string token)
    {
        AppApiToken = token;
        return this;
    }

    /// <summary>The repository's Configuration of <paramref name="appId"/>; none for a test's own app (a probe), which nobody calls.</summary>
    private static string? RepositoryConfiguration(string appId) =>
        RepositoryFolder.PathOf($"components/configuration/{appId}.yaml") is var file && File.Exists(file) ? file : null;

    public SidecarOptions SidecarOptions(string appId, int appPort) => new()
    {
        AppId = appId,
        AppPort = appPort,
        ResourcesPaths = [ResourcesFolder],
        WorkingDirectory = ResourcesFolder,
        ConfigFile = UsesRepositoryConfiguration ? RepositoryConfiguration(appId) : null,
        AppApiToken = AppApiToken,
    };

    /// <summary>
    /// Publishes <paramref name="integrationEvent"/> from <paramref name="publisher"/> (another app's sidecar) as its
    /// service would, and waits until every delivery has settled.
    /// </summary>
    public async Task PublishAsync<TEvent>(DaprClient publisher, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        await publisher.PublishEventAsync("pubsub", IntegrationEventTopics.Of<TEvent>(), integrationEvent).ConfigureAwait(false);
        await Cluster.WaitForIdleAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
    }

    /// <summary>Starts <typeparamref name="TProgram"/> on a real port beside a new sidecar and waits until Dapr is connected to it.</summary>
    /// <param name="services">Changes to the app's services after its own registrations (e.g. an older build of a workflow).</param>
    public async Task<ServiceTestHost<TProgram>> StartServiceAsync<TProgram>(string appId, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
        where TProgram : class
    {
        if (_secrets.TryAdd(appId, new(StringComparer.Ordinal))) WriteSecrets();
        var host = await ServiceTestHost<TProgram>.StartAsync(this, appId, settings ?? new Dictionary<string, string?>(), services).ConfigureAwait(false);
        _hosts.Add(host);
        return host;
    }

    private void WriteSecrets() => File.WriteAllText(SecretsFile, JsonSerializer.Serialize(_secrets));

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(ResourcesFolder, name), yaml);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts)) await host.DisposeAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
        await Redis.DisposeAsync().ConfigureAwait(false);
        TestFolders.TryDelete(ResourcesFolder);
    }
}
