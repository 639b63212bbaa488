using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;

namespace OneDay.Testing;

/// <summary>
/// A RabbitMQ node of a test's own (Debian's rabbitmq-server, which scripts/infra.sh installs), on loopback
/// ports, its data in a scratch folder and no plugins, so a test may kill it (SIGKILL, as a crash would) and
/// start it again on the same data without disturbing the shared server other tests use. The broker's own
/// default account (guest, loopback only) serves it: local testing only.
/// </summary>
public sealed class PrivateRabbitMqServer : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneday-rabbitmq", Guid.NewGuid().ToString("N"));
    private readonly string _node = $"oneday-test-{Guid.NewGuid():N}@localhost";
    private readonly int _distributionPort = LoopbackPort.Free();
    private Process? _process;

    private PrivateRabbitMqServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The AMQP URI, as the pubsub.rabbitmq component's connectionString takes it.</summary>
    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}";

    public static async Task<PrivateRabbitMqServer> StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed: run `scripts/infra.sh up --rabbitmq` (scripts/test.sh does).");
        }
        var server = new PrivateRabbitMqServer(LoopbackPort.Free());
        Directory.CreateDirectory(server._folder);
        await File.WriteAllTextAsync(Path.Combine(server._folder, "enabled_plugins"), "[].").ConfigureAwait(false);
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Starts the node on the same ports and data after <see cref="KillAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the RabbitMQ node is running");
        var start = new ProcessStartInfo(ServerScript)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = _folder;
        start.Environment["RABBITMQ_NODENAME"] = _node;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        _process = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(AcceptsConnectionsAsync, TimeSpan.FromSeconds(60), $"RabbitMQ node {_node} accepting AMQP connections").ConfigureAwait(false);
    }

    /// <summary>Kills the node and its helpers (SIGKILL): what it had confirmed to publishers is on disk, nothing else is flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(ConnectionString) };
            await using var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
            return connection.IsOpen;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        TestFolders.TryDelete(_folder);
    }
}
