using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.Contracts;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole system as `scripts/run.sh` runs it without Dapr installed: dapr.yaml's apps, each its own
/// process beside an emulator sidecar reading the repository's components/ unchanged (pubsub, statestore,
/// secretstore, the email/sms/push bindings, the access-control Configuration, the Resiliency spec).
/// What differs from a developer's run is only what must: fresh databases, free ports (none of dapr.yaml's,
/// so README's run command can run beside it), the secrets file and binding outboxes in a scratch folder, and Zipkin
/// pointed at a sink the test reads.
/// </summary>
public class OneDaySystem : IAsyncLifetime
{
    /// <summary>
    /// True to run with the operator's broker swap: the apps read the broker layer components/rabbitmq instead of
    /// components/redis (pubsub on RabbitMQ, everything else the same), on a virtual host of this run's own.
    /// </summary>
    protected virtual bool OnRabbitMq => false;

    public RabbitMqVirtualHost? RabbitMq { get; private set; }

    /// <summary>
    /// Whether this system runs the app: every app in dapr.yaml here. A narrower system leaves out the apps its
    /// tests never reach, each of which would cost seconds of start-up and background work on a small machine.
    /// </summary>
    protected virtual bool Runs(string appId) => true;

    private static readonly string[] ServicesWithDatabases = ["users", "jobs", "payments", "search", "notifications", "chat"];
    private readonly Dictionary<string, TestDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SystemApp> _apps = new(StringComparer.Ordinal);
    private EmulatorCluster? _cluster;
    private bool _holdsMachine;

    // One hold of the machine-wide lock for all the systems of this process: the end-to-end project's two (events
    // on Redis and on RabbitMQ) run side by side, each mostly waiting on a real minute of work, while another
    // project's system (the web client's tests) waits for both to end.
    private static readonly SemaphoreSlim MachineHoldGate = new(1, 1);
    private static MachineWideLock? _machineHold;
    private static int _machineHolders;

    /// <summary>The scratch folder: components' relative paths (secrets file, binding outboxes) resolve inside it.</summary>
    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "oneday-e2e", Guid.NewGuid().ToString("N"));

    public ZipkinSink Zipkin { get; private set; } = null!;

    /// <summary>The Redis that components/redis/pubsub.yaml and components/statestore.yaml reach, through the secrets file.</summary>
    public PrivateRedisServer ComponentsRedis { get; private set; } = null!;

    /// <summary>Where every service ships its logs (Telemetry:LokiEndpoint).</summary>
    public LokiSink Loki { get; private set; } = null!;

    /// <summary>
    /// Between users and its sidecar's gRPC port, which the DaprClient publishes through: holding it is an outbox
    /// dispatcher that cannot publish, while users still serves requests (invocation comes in over HTTP).
    /// </summary>
    public TcpRelay UsersPublishing { get; private set; } = null!;

    /// <summary>A subscriber of every topic, as another app would be: what was published, CloudEvent and all.</summary>
    public EventProbe Events { get; private set; } = null!;

    public Uri Gateway => _apps["gateway"].BaseAddress;

    /// <summary>
    /// The API tokens of this run, as scripts/run.sh gives them from .dev/api-tokens.env: every call to a sidecar's
    /// API must carry <see cref="DaprApiToken"/>, every sidecar's call to its app carries <see cref="AppApiToken"/>.
    /// </summary>
    public string DaprApiToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public string AppApiToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public SystemApp App(string appId) => _apps[appId];

    public string ConnectionString(string service) => _databases[service].ConnectionString;

    public EmulatorCluster Cluster => _cluster ?? throw new InvalidOperationException("the system has not started");

    public async Task InitializeAsync()
    {
        // The end-to-end and web client projects run side by side in scripts/test.sh: their systems at once on two
        // cores starve each other, and their ports are chosen before they are bound. One project waits for the other.
        await HoldMachineAsync();
        _holdsMachine = true;
        var root = RepositoryFolder.Root;
        var template = RunTemplate.Load(Path.Combine(root, "dapr.yaml"));
        Zipkin = await ZipkinSink.StartAsync();
        ComponentsRedis = await PrivateRedisServer.StartAsync(password: Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        if (OnRabbitMq) RabbitMq = await RabbitMqVirtualHost.CreateAsync();
        Loki = await LokiSink.StartAsync();
        foreach (var service in ServicesWithDatabases.Where(Runs)) _databases[service] = await TestDatabase.CreateAsync($"oneday_e2e_{service}");
        await WriteSecretsAsync();
        _cluster = new EmulatorCluster(Environment.GetEnvironmentVariable("ONEDAY_EMULATOR_LOG") == "1"
            ? LoggerFactory.Create(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug))
            : NullLoggerFactory.Instance);

        // Chosen now, bound over the next half minute as the apps start one by one: so below the ports lent to
        // the earlier apps' outgoing connections. None takes dapr.yaml's own ports: scripts/test.sh runs README's run
        // command (on those ports) while the web client's tests hold a system.
        var ports = template.Apps.ToDictionary(a => a.AppId, _ => LoopbackPort.Free(), StringComparer.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Telemetry__ZipkinEndpoint"] = Zipkin.Endpoint.ToString(),
            ["Telemetry__LokiEndpoint"] = Loki.Endpoint.ToString(),
            // The outbox-lag gauge follows a stuck outbox within a second, and a released one drains within one.
            ["Outbox__LagSampleInterval"] = "00:00:00.500",
            ["Outbox__PublishTimeout"] = "00:00:01",
            ["Outbox__MaxBackoff"] = "00:00:01",
            // The ledger audits itself every second, so its gauge is there for the dashboards' check.
            ["Ledger__AuditInterval"] = "00:00:01",
            // Spans leave each service within a fraction of a second, not the exporter's default five.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["Gateway__Hubs__notifications__Address"] = $"http://127.0.0.1:{ports["notifications"]}",
            ["Gateway__Hubs__chat__Address"] = $"http://127.0.0.1:{ports["chat"]}",
            // The web client's circuits reach the hubs at the gateway itself (UserHubConnections).
            ["Web__GatewayAddress"] = $"http://127.0.0.1:{ports["gateway"]}",
            // Every account here signs up and logs in from one address: the per-IP credentials limit is for attackers.
            ["RateLimiting__Credentials__Burst"] = "1000",
            // Employers may decide until the work starts (production: two hours before); the jobs here start within seconds.
            ["ApplicationWorkflow__DecisionLeadTime"] = "00:00:00",
            ["DAPR_API_TOKEN"] = DaprApiToken,
            ["APP_API_TOKEN"] = AppApiToken,
        };
        Directory.CreateDirectory(Path.Combine(Scratch, "logs"));
        var configuration = typeof(OneDaySystem).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var app in template.Apps.Where(app => Runs(app.AppId)))
        {
            // daprd runs in the app's folder; a folder at the same depth inside the scratch folder makes the
            // components' relative paths land there instead of in the developer's own secrets and outboxes.
            var sidecarFolder = Path.Combine(Scratch, Path.GetRelativePath(root, app.AppDirPath));
            Directory.CreateDirectory(sidecarFolder);
            var sidecar = await Cluster.StartSidecarAsync(new SidecarOptions
            {
                AppId = app.AppId,
                AppPort = ports[app.AppId],
                ResourcesPaths = OnRabbitMq ? app.ResourcesPaths.Select(path => BrokerSwapped(root, path)).ToList() : app.ResourcesPaths,
                ConfigFile = app.ConfigFilePath,
                EnableAppHealthCheck = app.EnableAppHealthCheck,
                AppHealthCheckPath = app.AppHealthCheckPath,
                AppHealthProbeInterval = TimeSpan.FromSeconds(1),
                WorkingDirectory = sidecarFolder,
                DaprApiToken = DaprApiToken,
                AppApiToken = AppApiToken,
            });
            var program = Path.Combine(app.AppDirPath, "bin", configuration, "net10.0", Path.GetFileName(app.AppDirPath) + ".dll");
            if (!File.Exists(program)) throw new FileNotFoundException($"build the solution first: {program} is missing", program);
            var appEnvironment = environment;
            if (app.AppId == "users")
            {
                UsersPublishing = TcpRelay.Start(0, $"127.0.0.1:{sidecar.GrpcPort}");
                appEnvironment = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["DAPR_GRPC_ENDPOINT"] = $"http://127.0.0.1:{UsersPublishing.Port}" };
            }
            _apps[app.AppId] = new SystemApp(app, sidecar, ports[app.AppId], program, appEnvironment, Path.Combine(Scratch, "logs", app.AppId + ".log"));
        }
        // Started one by one: seven .NET programs JIT-compiling at once on two cores only slow each other down.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        foreach (var app in _apps.Values) await app.StartAsync(timeout.Token);
        foreach (var app in _apps.Values) await app.Sidecar.AppReady.WaitAsync(TimeSpan.FromSeconds(60));

        // components/redis/pubsub.yaml is scoped to OneDay's apps; the probe gets the same broker (same type and name) unscoped.
        var probeResources = Path.Combine(Scratch, "probe-components");
        Directory.CreateDirectory(probeResources);
        await File.WriteAllTextAsync(Path.Combine(probeResources, "pubsub.yaml"), RabbitMq is null
            ? TestFolders.PubSubComponent(ComponentsRedis.Address)
            : TestFolders.RabbitMqPubSubComponent(RabbitMq.ConnectionString));
        Events = await EventProbe.StartAsync(Cluster, port => new SidecarOptions { AppId = "probe", AppPort = port, ResourcesPaths = [probeResources], WorkingDirectory = probeResources },
            IntegrationEventTopics.EventTypes.Select(IntegrationEventTopics.Of).ToArray());
    }

    private static string BrokerSwapped(string root, string path) =>
        Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) == Path.Combine(root, "components", "redis") ? Path.Combine(root, "components", "rabbitmq") : path;

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
        var secrets = ServicesWithDatabases.Where(Runs).ToDictionary(
            service => service,
            service => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["ConnectionStrings"] = new Dictionary<string, string>(StringComparer.Ordinal) { [service] = _databases[service].ConnectionString, ["redis"] = redis },
            },
            StringComparer.Ordinal);
        secrets["shared"] = new(StringComparer.Ordinal) { ["Jwt"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["PublicKey"] = TestTokens.PublicKeyPem } };
        // The components' Redis (streams, actor state): a server of this run's own, since topics are fixed names.
        secrets["redis"] = new(StringComparer.Ordinal) { ["host"] = ComponentsRedis.Address, ["password"] = ComponentsRedis.Password! };
        if (RabbitMq is not null) secrets["rabbitmq"] = new(StringComparer.Ordinal) { ["connectionString"] = RabbitMq.ConnectionString };
        secrets["users"]["Jwt"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["SigningKey"] = TestTokens.SigningKeyPem };
        secrets["users"]["BootstrapAdmin"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["Email"] = Operator.Email, ["Password"] = Operator.Password };
        if (secrets.TryGetValue("jobs", out var jobs))
            jobs["Attendance"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        if (secrets.TryGetValue("payments", out var payments))
        {
            payments["PaymentProvider"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["SecretKey"] = "sandbox_sk_" + Guid.NewGuid().ToString("N") };
            payments["ResidentNumbers"] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["CurrentKeyId"] = "e2e-1",
                ["Keys"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["e2e-1"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) },
            };
        }
        Directory.CreateDirectory(Path.Combine(Scratch, "components"));
        await File.WriteAllTextAsync(Path.Combine(Scratch, "components", "secrets.dev.json"), JsonSerializer.Serialize(secrets));
    }

    public async Task DisposeAsync()
    {
        if (Events is not null) await Events.DisposeAsync();
        foreach (var app in _apps.Values) await app.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        if (Zipkin is not null) await Zipkin.DisposeAsync();
        if (ComponentsRedis is not null) await ComponentsRedis.DisposeAsync();
        if (RabbitMq is not null) await RabbitMq.DisposeAsync();
        if (Loki is not null) await Loki.DisposeAsync();
        if (UsersPublishing is not null) await UsersPublishing.DisposeAsync();
        foreach (var database in _databases.Values) await database.DisposeAsync();
        if (Environment.GetEnvironmentVariable("ONEDAY_E2E_KEEP") != "1") TestFolders.TryDelete(Scratch);
        if (_holdsMachine) await ReleaseMachineAsync();
    }

    private static async Task HoldMachineAsync()
    {
        await MachineHoldGate.WaitAsync();
        try
        {
            _machineHold ??= await MachineWideLock.AcquireAsync("whole-system", TimeSpan.FromMinutes(15));
            _machineHolders++;
        }
        finally
        {
            MachineHoldGate.Release();
        }
    }

    private static async Task ReleaseMachineAsync()
    {
        await MachineHoldGate.WaitAsync();
        try
        {
            if (--_machineHolders > 0) return;
            await _machineHold!.DisposeAsync();
            _machineHold = null;
        }
        finally
        {
            MachineHoldGate.Release();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<OneDaySystem>
{
    public const string Name = "the whole system";
}

/// <summary>The whole system with pubsub on RabbitMQ: the broker swap an operator makes, with no code change.</summary>
public sealed class OneDaySystemOnRabbitMq : OneDaySystem
{
    protected override bool OnRabbitMq => true;
}

[CollectionDefinition(Name)]
public sealed class RabbitMqSystemCollection : ICollectionFixture<OneDaySystemOnRabbitMq>
{
    public const string Name = "the whole system on RabbitMQ";
}
