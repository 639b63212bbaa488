using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.Contracts;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// All seven services as `scripts/run.sh` runs them without Dapr installed: dapr.yaml's apps, each its own
/// process beside an emulator sidecar reading the repository's components/ unchanged (pubsub, statestore,
/// secretstore, the email/sms/push bindings, the access-control Configuration, the Resiliency spec).
/// What differs from a developer's run is only what must: fresh databases, free ports (the gateway on
/// :3000 when that is free), the secrets file and binding outboxes in a scratch folder, and Zipkin
/// pointed at a sink the test reads.
/// </summary>
public sealed class OneDaySystem : IAsyncLifetime
{
    private static readonly string[] ServicesWithDatabases = ["users", "jobs", "payments", "search", "notifications", "chat"];
    private readonly Dictionary<string, TestDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SystemApp> _apps = new(StringComparer.Ordinal);
    private EmulatorCluster? _cluster;

    /// <summary>The scratch folder: components' relative paths (secrets file, binding outboxes) resolve inside it.</summary>
    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "oneday-e2e", Guid.NewGuid().ToString("N"));

    public ZipkinSink Zipkin { get; private set; } = null!;

    /// <summary>A subscriber of every topic, as another app would be: what was published, CloudEvent and all.</summary>
    public EventProbe Events { get; private set; } = null!;

    public Uri Gateway => _apps["gateway"].BaseAddress;

    public SystemApp App(string appId) => _apps[appId];

    public string ConnectionString(string service) => _databases[service].ConnectionString;

    public EmulatorCluster Cluster => _cluster ?? throw new InvalidOperationException("the system has not started");

    public async Task InitializeAsync()
    {
        var root = RepositoryFolder.Root;
        var template = RunTemplate.Load(Path.Combine(root, "dapr.yaml"));
        Zipkin = await ZipkinSink.StartAsync();
        foreach (var service in ServicesWithDatabases) _databases[service] = await TestDatabase.CreateAsync($"oneday_e2e_{service}");
        await WriteSecretsAsync();
        _cluster = new EmulatorCluster(Environment.GetEnvironmentVariable("ONEDAY_EMULATOR_LOG") == "1"
            ? LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance);

        // Chosen now, bound over the next half minute as the apps start one by one: so below the ports lent to
        // the earlier apps' outgoing connections.
        var ports = template.Apps.ToDictionary(a => a.AppId, a => a.AppId == "gateway" && IsFree(3000) ? 3000 : LoopbackPort.Free(), StringComparer.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Telemetry__ZipkinEndpoint"] = Zipkin.Endpoint.ToString(),
            // Spans leave each service within a fraction of a second, not the exporter's default five.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Gateway__Hubs__notifications__Address"] = $"http://127.0.0.1:{ports["notifications"]}",
            ["Gateway__Hubs__chat__Address"] = $"http://127.0.0.1:{ports["chat"]}",
            // Every account here signs up and logs in from one address: the per-IP credentials limit is for attackers.
            ["RateLimiting__Credentials__Burst"] = "1000",
            // A saga whose app was down resumes at its reminder's next heartbeat; tests restart apps mid-saga
            // and should not wait the production minute for it.
            ["ApplicationSaga__Heartbeat"] = "00:00:02",
            ["PaymentSaga__Heartbeat"] = "00:00:02",
            // Employers may decide until the work starts (production: two hours before); the jobs here start within seconds.
            ["ApplicationSaga__DecisionLeadTime"] = "00:00:00",
        };
        Directory.CreateDirectory(Path.Combine(Scratch, "logs"));
        var configuration = typeof(OneDaySystem).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var app in template.Apps)
        {
            // daprd runs in the app's folder; a folder at the same depth inside the scratch folder makes the
            // components' relative paths land there instead of in the developer's own secrets and outboxes.
            var sidecarFolder = Path.Combine(Scratch, Path.GetRelativePath(root, app.AppDirPath));
            Directory.CreateDirectory(sidecarFolder);
            var sidecar = await Cluster.StartSidecarAsync(new SidecarOptions
            {
                AppId = app.AppId,
                AppPort = ports[app.AppId],
                ResourcesPaths = app.ResourcesPaths,
                ConfigFile = app.ConfigFilePath,
                EnableAppHealthCheck = app.EnableAppHealthCheck,
                AppHealthCheckPath = app.AppHealthCheckPath,
                AppHealthProbeInterval = TimeSpan.FromSeconds(1),
                WorkingDirectory = sidecarFolder,
            });
            var program = Path.Combine(app.AppDirPath, "bin", configuration, "net10.0", Path.GetFileName(app.AppDirPath) + ".dll");
            if (!File.Exists(program)) throw new FileNotFoundException($"build the solution first: {program} is missing", program);
            _apps[app.AppId] = new SystemApp(app, sidecar, ports[app.AppId], program, environment, Path.Combine(Scratch, "logs", app.AppId + ".log"));
        }
        // Started one by one: seven .NET programs JIT-compiling at once on two cores only slow each other down.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        foreach (var app in _apps.Values) await app.StartAsync(timeout.Token);
        foreach (var app in _apps.Values) await app.Sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(60));

        // components/pubsub.yaml is scoped to OneDay's apps; the probe gets the same broker (same type and name) unscoped.
        var probeResources = Path.Combine(Scratch, "probe-components");
        Directory.CreateDirectory(probeResources);
        await File.WriteAllTextAsync(Path.Combine(probeResources, "pubsub.yaml"), TestFolders.PubSubComponent);
        Events = await EventProbe.StartAsync(Cluster, port => new SidecarOptions { AppId = "probe", AppPort = port, ResourcesPaths = [probeResources], WorkingDirectory = probeResources },
            IntegrationEventTopics.EventTypes.Select(IntegrationEventTopics.Of).ToArray());
    }

    /// <summary>Publishes a CloudEvent again, unchanged, through the probe's sidecar: what a broker's redelivery looks like to subscribers.</summary>
    public async Task RedeliverAsync(ProbedEvent cloudEvent)
    {
        using var http = new HttpClient();
        using var content = new StringContent(cloudEvent.CloudEvent.GetRawText(), System.Text.Encoding.UTF8, "application/cloudevents+json");
        using var response = await http.PostAsync(new Uri(Events.Sidecar.HttpEndpoint, $"/v1.0/publish/pubsub/{cloudEvent.Topic}"), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The operator's account, created by users from BootstrapAdmin in the secret store.</summary>
    public static (string Email, string Password) Operator { get; } = ("ops@oneday.test", "운영-관리자-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The files an output binding (email, sms, push) wrote for one user, oldest first.</summary>
    public IReadOnlyList<string> Outbox(string binding, Guid userId)
    {
        var folder = Path.Combine(Scratch, ".dev", "outbox", binding, userId.ToString());
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).OrderBy(File.GetLastWriteTimeUtc).Select(File.ReadAllText).ToList()
            : [];
    }

    /// <summary>The secrets file components/secretstore.yaml reads, filled the way scripts/dev-secrets.sh fills it.</summary>
    private async Task WriteSecretsAsync()
    {
        // One secret per service plus "shared", as scripts/dev-secrets.sh lays them out: a service that
        // reached for another's credentials would fail here as it would in production.
        var redis = await TestServers.RedisAsync();
        var secrets = ServicesWithDatabases.ToDictionary(
            service => service,
            service => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["ConnectionStrings"] = new Dictionary<string, string>(StringComparer.Ordinal) { [service] = _databases[service].ConnectionString, ["redis"] = redis },
            },
            StringComparer.Ordinal);
        secrets["shared"] = new(StringComparer.Ordinal) { ["Jwt"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["PublicKey"] = TestTokens.PublicKeyPem } };
        secrets["users"]["Jwt"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["SigningKey"] = TestTokens.SigningKeyPem };
        secrets["users"]["BootstrapAdmin"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["Email"] = Operator.Email, ["Password"] = Operator.Password };
        secrets["payments"]["PaymentProvider"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["SecretKey"] = "sandbox_sk_" + Guid.NewGuid().ToString("N") };
        Directory.CreateDirectory(Path.Combine(Scratch, "components"));
        await File.WriteAllTextAsync(Path.Combine(Scratch, "components", "secrets.dev.json"), JsonSerializer.Serialize(secrets));
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (Events is not null) await Events.DisposeAsync();
        foreach (var app in _apps.Values) await app.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        await Zipkin.DisposeAsync();
        foreach (var database in _databases.Values) await database.DisposeAsync();
        if (Environment.GetEnvironmentVariable("ONEDAY_E2E_KEEP") != "1") TestFolders.TryDelete(Scratch);
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<OneDaySystem>
{
    public const string Name = "the whole system";
}
