using OneDay.Testing;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.Client;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The emulator's command line as a developer runs it: `run -f dapr.yaml` (docs/dapr-sidecar.md §D.1) and
/// single-app `run … -- command`, with the environment the Dapr CLI gives apps (§C.1).
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TestResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public async Task D1_run_f_starts_every_sidecar_launches_the_apps_and_reports_an_app_that_cannot_start()
    {
        var (http, grpc, ghostHttp) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        Directory.CreateDirectory(Path.Combine(_resources.Folder, "worker"));
        var template = _resources.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPaths: ["{_resources.Folder}"]
              env:
                SHARED: from-common
            apps:
              - appID: worker
                appDirPath: ./worker
                daprHTTPPort: {http}
                daprGRPCPort: {grpc}
                command: ["sh", "-c", "echo started $APP_ID $DAPR_HTTP_PORT $DAPR_GRPC_PORT $SHARED $(basename $PWD); sleep 60"]
              - appID: ghost
                appDirPath: ./services/Ghost
                appPort: {LoopbackPort.Free()}
                daprHTTPPort: {ghostHttp}
                command: ["dotnet", "run"]
            """);
        using var emulator = EmulatorProcess.Start("run", "-f", template);

        await emulator.WaitForLineAsync("2 of 2 sidecars running");
        await emulator.WaitForLineAsync($"== APP - worker == started worker {http} {grpc} from-common worker");
        using var client = new HttpClient();
        using var outbound = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/v1.0/healthz/outbound"));
        using var ghost = await client.GetAsync(new Uri($"http://127.0.0.1:{ghostHttp}/v1.0/metadata"));
        var exitCode = await emulator.InterruptAsync();

        Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
        Assert.Contains("\"id\":\"ghost\"", await ghost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(emulator.Lines, l => l.Contains("== APP - ghost == cannot start: app directory", StringComparison.Ordinal));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task C1_single_app_run_gives_the_app_the_sidecar_ports_and_stops_when_the_app_exits()
    {
        var http = LoopbackPort.Free();
        using var emulator = EmulatorProcess.Start("run", "--app-id", "solo", "--dapr-http-port", http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--resources-path", _resources.Folder, "--", "sh", "-c", "echo env $APP_ID $DAPR_HTTP_PORT");

        var exitCode = await emulator.WaitForExitAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains($"== APP - solo == env solo {http}", emulator.Lines);
        Assert.Contains("== APP - solo == exited with code 0", emulator.Lines);
    }

    [Fact]
    public async Task C1_run_f_gives_an_app_APP_PORT_and_its_own_env_entries_over_common_env()
    {
        var appPort = LoopbackPort.Free();
        Directory.CreateDirectory(Path.Combine(_resources.Folder, "worker"));
        var template = _resources.Write("dapr.yaml", $"""
            version: 1
            common:
              resourcesPaths: ["{_resources.Folder}"]
              env:
                SHARED: from-common
                COMMON_ONLY: common
            apps:
              - appID: worker
                appDirPath: ./worker
                appPort: {appPort}
                env:
                  SHARED: from-app
                  OWN: own
                command: ["sh", "-c", "echo env $APP_PORT $SHARED $COMMON_ONLY $OWN; sleep 60"]
            """);
        using var emulator = EmulatorProcess.Start("run", "-f", template);

        await emulator.WaitForLineAsync("== APP - worker == env ");
        var exitCode = await emulator.InterruptAsync();

        Assert.Contains($"== APP - worker == env {appPort} from-app common own", emulator.Lines);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task C1_D3_single_app_run_serves_the_given_ports_calls_the_app_on_its_port_and_loads_the_config()
    {
        var (appPort, http, grpc) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var config = _resources.Write("features.yaml", """
            apiVersion: dapr.io/v1alpha1
            kind: Configuration
            metadata:
              name: features
            spec:
              features:
              - name: ActorStateTTL
                enabled: true
              - name: SchedulerReminders
                enabled: false
            """);
        using var recorder = new EventRecorder();
        await using var app = await RawApp.StartAsync(appPort, recorder, "solo", web => web.MapGet("/ping", () => Results.Text("pong")));
        using var emulator = EmulatorProcess.Start("run", "--app-id", "solo", "--app-port", Text(appPort), "--dapr-http-port", Text(http),
            "--dapr-grpc-port", Text(grpc), "--config", config, "--resources-path", _resources.Folder, "--", "sh", "-c", "echo env $APP_PORT $DAPR_GRPC_PORT; sleep 60");
        await emulator.WaitForLineAsync("1 of 1 sidecars running");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        using var dapr = new DaprClientBuilder().UseHttpEndpoint($"http://127.0.0.1:{http}").UseGrpcEndpoint($"http://127.0.0.1:{grpc}").Build();

        var pong = await client.GetStringAsync(new Uri("/v1.0/invoke/solo/method/ping", UriKind.Relative));
        var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri("/v1.0/metadata", UriKind.Relative))).RootElement;
        var overGrpc = await dapr.GetMetadataAsync();
        await emulator.WaitForLineAsync("== APP - solo == env ");
        var exitCode = await emulator.InterruptAsync();

        Assert.Equal("pong", pong);
        Assert.Single(recorder.At("/ping"));
        Assert.Equal(appPort, metadata.GetProperty("appConnectionProperties").GetProperty("port").GetInt32());
        Assert.Equal(["ActorStateTTL"], metadata.GetProperty("enabledFeatures").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("solo", overGrpc.Id);
        Assert.Contains($"== APP - solo == env {appPort} {grpc}", emulator.Lines);
        Assert.Equal(0, exitCode);
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_command_line_without_run_prints_usage_and_fails()
    {
        using var emulator = EmulatorProcess.Start("start");

        Assert.Equal(2, await emulator.WaitForExitAsync());
        Assert.Contains(emulator.Lines, l => l.Contains("run -f", StringComparison.Ordinal));
    }
}
