using System.Diagnostics;
using System.Net.Sockets;

namespace OneDay.Testing;

/// <summary>
/// A redis-server of a test's own, on a loopback port, with append-only persistence in a scratch folder.
/// The emulator's components keep streams, state and reminders in Redis under fixed names (a topic is a
/// stream named after it), so test projects running side by side each need a server of their own; a test
/// may also kill it and start it again on the same data, as an operator's restart would.
/// </summary>
public sealed class PrivateRedisServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneday-redis", Guid.NewGuid().ToString("N"));
    private Process? _process;

    private readonly bool _syncEveryWrite;

    private PrivateRedisServer(int port, bool syncEveryWrite)
    {
        Port = port;
        _syncEveryWrite = syncEveryWrite;
    }

    public int Port { get; }

    /// <summary>host:port, as a component's redisHost takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server. With <paramref name="syncEveryWrite"/> every acknowledged write is on disk before
    /// the reply (for tests that SIGKILL it); otherwise the append-only file is synced once a second.
    /// </summary>
    public static async Task<PrivateRedisServer> StartAsync(bool syncEveryWrite = false)
    {
        var server = new PrivateRedisServer(LoopbackPort.Free(), syncEveryWrite);
        Directory.CreateDirectory(server._folder);
        await server.StartAgainAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>For constructors of fixtures that cannot await.</summary>
    public static PrivateRedisServer Start() => Task.Run(() => StartAsync()).GetAwaiter().GetResult();

    /// <summary>Starts the server on the same port and data after <see cref="KillAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the Redis server is running");
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dir", _folder, "--save", "", "--appendonly", "yes", "--appendfsync", _syncEveryWrite ? "always" : "everysec",
        })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: run `scripts/infra.sh up` (scripts/test.sh does).", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(AnswersPingAsync, TimeSpan.FromSeconds(10), "redis-server answering PING").ConfigureAwait(false);
    }

    /// <summary>Kills the server (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    // PONG, not a mere connection: while it replays its append-only file Redis answers LOADING.
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray()).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
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
