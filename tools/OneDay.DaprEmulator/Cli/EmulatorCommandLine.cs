using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Cli;

/// <summary>
/// The emulator's command line, shaped like the Dapr CLI's `dapr run`:
///   run -f dapr.yaml                                  every app of a multi-app run template
///   run --app-id X [--app-port N] [--dapr-http-port N] [--dapr-grpc-port N]
///       [--resources-path DIR]... [--config FILE] -- command args…   one app
/// Sidecars read DAPR_API_TOKEN / APP_API_TOKEN from the environment, as daprd does. Everything stops
/// on Ctrl-C or SIGTERM; an app that fails to start or exits is reported and the others keep running.
/// </summary>
public static class EmulatorCommandLine
{
    private const string Usage = """
        usage:
          run -f <dapr.yaml | folder holding dapr.yaml>
          run --app-id <id> [--app-port <port>] [--dapr-http-port <port>] [--dapr-grpc-port <port>]
              [--resources-path <dir>]... [--config <file>] [--enable-app-health-check true]
              [--app-health-check-path <path>] [--max-body-size <size, e.g. 16Mi>] [-- <command> <args>...]
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "run")
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        IReadOnlyList<RunTemplateApp> apps;
        bool exitWithApp;
        try
        {
            (apps, exitWithApp) = Parse(args[1..]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning));
        await using var cluster = new EmulatorCluster(loggerFactory);
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        var output = TextWriter.Synchronized(Console.Out);
        var processes = new List<AppProcess>();
        // Whatever happens from here, Ctrl-C while starting included, no app outlives the emulator.
        try
        {
            // Every sidecar binds its ports before any app runs: an app's outgoing connections borrow ports
            // from the range 5010x lies in, and one of them could otherwise sit on a sidecar's gRPC port.
            var sidecars = new List<(RunTemplateApp App, Sidecar Sidecar)>();
            foreach (var app in apps)
            {
                try
                {
                    sidecars.Add((app, await cluster.StartSidecarAsync(new SidecarOptions
                    {
                        AppId = app.AppId,
                        AppPort = app.AppPort,
                        AppProtocol = app.AppProtocol,
                        HttpPort = app.DaprHttpPort,
                        GrpcPort = app.DaprGrpcPort,
                        ResourcesPaths = app.ResourcesPaths,
                        ConfigFile = app.ConfigFilePath,
                        EnableAppHealthCheck = app.EnableAppHealthCheck,
                        AppHealthCheckPath = app.AppHealthCheckPath,
                        MaxBodySize = app.MaxBodySize ?? SidecarOptions.DefaultMaxBodySize,
                        // The Dapr CLI starts each daprd in the app's folder; relative component paths resolve there.
                        WorkingDirectory = app.AppDirPath,
                        DaprApiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
                        AppApiToken = Environment.GetEnvironmentVariable("APP_API_TOKEN"),
                    }, stop.Token).ConfigureAwait(false)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await output.WriteLineAsync($"== DAPR - {app.AppId} == sidecar failed to start: {ex.GetBaseException().Message}").ConfigureAwait(false);
                }
            }
            foreach (var (app, sidecar) in sidecars)
            {
                var process = AppProcess.TryStart(app.AppId, app.Command, app.AppDirPath, AppProcess.EnvironmentFor(app, app.AppPort, sidecar), output);
                if (process is null)
                {
                    if (exitWithApp) return 1;
                    continue;
                }
                processes.Add(process);
                var appId = app.AppId;
                _ = process.Exited.ContinueWith(_ =>
                {
                    output.WriteLine($"== APP - {appId} == exited with code {process.ExitCode}");
                    if (exitWithApp) stop.Cancel();
                }, TaskScheduler.Default);
            }

            if (cluster.Sidecars.Count == 0)
            {
                await output.WriteLineAsync("emulator: no sidecar could start").ConfigureAwait(false);
                return 1;
            }
            await output.WriteLineAsync($"emulator: {cluster.Sidecars.Count} of {apps.Count} sidecars running; Ctrl-C stops everything").ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("emulator: stopping").ConfigureAwait(false);
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.StopAsync().ConfigureAwait(false);
                process.Dispose();
            }
        }
        return 0;
    }

    private static (IReadOnlyList<RunTemplateApp> Apps, bool ExitWithApp) Parse(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var options = separator < 0 ? args : args[..separator];
        var command = separator < 0 ? [] : args[(separator + 1)..];
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i++)
        {
            var name = options[i];
            if (!name.StartsWith('-') || i + 1 >= options.Length) throw new ArgumentException($"unexpected argument '{name}'");
            if (!values.TryGetValue(name, out var list)) values[name] = list = [];
            list.Add(options[++i]);
        }
        string? One(params string[] names) => names.Select(n => values.GetValueOrDefault(n)?.LastOrDefault()).FirstOrDefault(v => v is not null);
        int Port(string name) => One(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 0;

        if (One("-f", "--run-file") is { } template) return (RunTemplate.Load(template).Apps, false);

        var appId = One("--app-id", "-a") ?? throw new ArgumentException("--app-id is required (or -f with a run template)");
        var resources = values.GetValueOrDefault("--resources-path", []).Concat(values.GetValueOrDefault("--components-path", []))
            .Select(Path.GetFullPath).ToList();
        var app = new RunTemplateApp(
            appId,
            Directory.GetCurrentDirectory(),
            command,
            Port("--app-port"),
            Port("--dapr-http-port"),
            Port("--dapr-grpc-port"),
            resources,
            One("--config") is { } config ? Path.GetFullPath(config) : null,
            new Dictionary<string, string>(),
            One("--enable-app-health-check") is { } health && bool.Parse(health),
            One("--app-health-check-path") ?? "/healthz",
            One("--app-protocol") ?? "http",
            One("--max-body-size") is { } size ? ByteQuantity.Parse(size) : null);
        return ([app], command.Length > 0);
    }
}
