using System.ComponentModel;
using System.Globalization;
using System.Diagnostics;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Cli;

/// <summary>
/// An app launched beside its sidecar, as `dapr run` launches it (dapr/cli pkg/standalone/run.go):
/// in its folder, with APP_ID, APP_PORT, APP_PROTOCOL, DAPR_HTTP_PORT, DAPR_GRPC_PORT and the
/// template's env, its output prefixed "== APP - &lt;app-id&gt; ==".
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process) => _process = process;

    public Task Exited { get; private init; } = Task.CompletedTask;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// The environment `dapr run` gives an app: the template's env (then <paramref name="overrides"/>), and
    /// APP_ID, APP_PROTOCOL, DAPR_HTTP_PORT, DAPR_GRPC_PORT and, when it has one, APP_PORT.
    /// </summary>
    public static Dictionary<string, string> EnvironmentFor(RunTemplateApp app, int appPort, Sidecar sidecar, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var env = new Dictionary<string, string>(app.Env, StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) env[key] = value;
        env["APP_ID"] = app.AppId;
        env["APP_PROTOCOL"] = app.AppProtocol;
        env["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(CultureInfo.InvariantCulture);
        env["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(CultureInfo.InvariantCulture);
        if (appPort > 0) env["APP_PORT"] = appPort.ToString(CultureInfo.InvariantCulture);
        return env;
    }

    /// <summary>Starts the command; null (after saying why on stderr) when it cannot start.</summary>
    public static AppProcess? TryStart(string appId, IReadOnlyList<string> command, string workingDirectory, IReadOnlyDictionary<string, string> env, TextWriter output)
    {
        if (command.Count == 0)
        {
            output.WriteLine($"== APP - {appId} == no command given: only the sidecar runs");
            return null;
        }
        if (!Directory.Exists(workingDirectory))
        {
            output.WriteLine($"== APP - {appId} == cannot start: app directory {workingDirectory} does not exist");
            return null;
        }
        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) info.ArgumentList.Add(argument);
        foreach (var (key, value) in env) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine($"== APP - {appId} == {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine($"== APP - {appId} == {e.Data}"); };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            output.WriteLine($"== APP - {appId} == cannot start '{string.Join(' ', command)}': {ex.Message}");
            process.Dispose();
            return null;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // WaitForExitAsync also waits for the output to drain, so an app's last lines come before "exited".
        return new AppProcess(process) { Exited = process.WaitForExitAsync() };
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();
}
