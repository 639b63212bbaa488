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

    private PrivateRedisServer(int port, bool syncEveryWrite, string? password)
    {
        Port = port;
        _syncEveryWrite = syncEveryWrite;
        Password = password;
    }

    public int Port { get; }

    /// <summary>The password the server asks for (requirepass), or null for none.</summary>
    public string? Password { get; }

    /// <summary>host:port, as a component's redisHost takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server. With <paramref name="syncEveryWrite"/> every acknowledged write is on disk before
    /// the reply (for tests that SIGKILL it); otherwise the append-only file is synced once a second. With a
    /// <paramref name="password"/> it refuses every client that does not give it, as servers outside tests should.
    /// </summary>
    public static async Task<PrivateRedisServer> StartAsync(bool syncEveryWrite = false, string? password = null)
    {
        var server = new PrivateRedisServer(LoopbackPort.Free(), syncEveryWrite, password);
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
        string[] arguments =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dir", _folder, "--save", "", "--appendonly", "yes", "--appendfsync", _syncEveryWrite ? "always" : "everysec",
            .. Password is null ? [] : new[] { "--requirepass", Password },
        ];
        foreach (var argument in arguments)
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
    private async Task<bool> AnswersPingAsync() => (await PingAsync(Address, Password).ConfigureAwait(false)).EndsWith("+PONG", StringComparison.Ordinal);

    /// <summary>
    /// What a Redis at <paramref name="hostPort"/> answers a PING, after AUTH with <paramref name="password"/> when
    /// given: "+PONG" last when it serves the client, "-NOAUTH …" when it wants a password; "" when unreachable.
    /// </summary>
    public static async Task<string> PingAsync(string hostPort, string? password = null)
    {
        var (host, port) = (hostPort[..hostPort.LastIndexOf(':')], int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port).ConfigureAwait(false);
            var stream = client.GetStream();
            var commands = (password is null ? "" : $"AUTH {password}\r\n") + "PING\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(commands)).ConfigureAwait(false);
            var answer = new System.Text.StringBuilder();
            var buffer = new byte[256];
            // One line per command sent.
            while (answer.ToString().Count(c => c == '\n') < (password is null ? 1 : 2))
            {
                var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0) break;
                answer.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }
            return answer.ToString().TrimEnd();
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        TestFolders.TryDelete(_folder);
    }
}
