using OneDay.DaprEmulator.Cli;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One of the seven apps as `dapr run -f` runs it: its sidecar, and its built program started as a process
/// in its folder with the environment the Dapr CLI gives it. The process can be killed and started again
/// while its sidecar (and the actor state and messages the sidecar holds) stays.
/// </summary>
public sealed class SystemApp : IAsyncDisposable
{
    private readonly RunTemplateApp _template;
    private readonly string _program;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logFile;
    private readonly object _logLock = new();
    private readonly LogWriter _output;
    private AppProcess? _process;

    public SystemApp(RunTemplateApp template, Sidecar sidecar, int port, string program, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        _template = template;
        Sidecar = sidecar;
        Port = port;
        _program = program;
        _logFile = logFile;
        _output = new LogWriter(this);
        var env = AppProcess.EnvironmentFor(template, port, sidecar, environment);
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        _environment = env;
    }

    public string AppId => _template.AppId;

    public Sidecar Sidecar { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts the program and waits until its /health/ready answers 200 (database, Redis and sidecar reachable).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process = AppProcess.TryStart(AppId, ["dotnet", _program], _template.AppDirPath, _environment, _output)
                   ?? throw new InvalidOperationException($"{AppId} could not start: {Log()}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.Exited.IsCompleted) throw new InvalidOperationException($"{AppId} exited while starting:\n{Log()}");
            try
            {
                using var ready = await http.GetAsync(new Uri(BaseAddress, "/health/ready"), cancellationToken).ConfigureAwait(false);
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, but busy starting.
            }
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"{AppId} was not ready within two minutes:\n{Log()}");
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the program at once, as a crash or an evicted pod would end it.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        await _process.StopAsync().ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    /// <summary>What the program has written so far (its JSON console logs), for a failing test to show.</summary>
    public string Log()
    {
        lock (_logLock) return File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        await _output.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Appends the app's output lines to its log file.</summary>
    private sealed class LogWriter(SystemApp app) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            lock (app._logLock) File.AppendAllText(app._logFile, value + Environment.NewLine);
        }
    }
}
