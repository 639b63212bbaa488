using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>One alert as Prometheus's /api/v1/alerts reports it.</summary>
public sealed record PrometheusAlert(string Name, string State, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// A real Prometheus (Debian's 2.42, installed by `scripts/infra.sh up --prometheus` or `--observe`) of the test's own, on a
/// free loopback port with a scratch TSDB, scraping the system's apps every second and evaluating the
/// repository's rule files (k8s/observability/rules) every second, with the thresholds file replaced by
/// <paramref name="thresholds"/>: the same alerts, on seconds instead of minutes.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static async Task<PrometheusServer> StartAsync(OneDaySystem system, IEnumerable<string> appIds, string thresholds)
    {
        var binary = Environment.GetEnvironmentVariable("ONEDAY_TEST_PROMETHEUS") is { Length: > 0 } configured ? configured : "/usr/bin/prometheus";
        if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} is missing: run scripts/infra.sh up --prometheus, which installs Prometheus");
        var folder = Path.Combine(system.Scratch, "prometheus-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var rules = Path.Combine(RepositoryFolder.Root, "k8s", "observability", "rules");
        await File.WriteAllTextAsync(Path.Combine(folder, "thresholds.yml"), thresholds);
        var config = new StringBuilder("""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:

            """);
        foreach (var file in new[] { Path.Combine(rules, "recording.yml"), Path.Combine(rules, "alerts.yml"), Path.Combine(folder, "thresholds.yml") }) config.AppendLine($"  - {file}");
        config.AppendLine("scrape_configs:\n  - job_name: oneday-apps\n    static_configs:");
        foreach (var appId in appIds) config.AppendLine(CultureInfo.InvariantCulture, $"      - {{targets: [\"127.0.0.1:{system.App(appId).Port}\"], labels: {{app: {appId}}}}}");
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), config.ToString());

        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={Path.Combine(folder, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var log = Path.Combine(folder, "prometheus.log");
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) File.AppendAllText(log, line.Data + Environment.NewLine); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"prometheus exited: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "")}");
            try
            {
                using var ready = await server._http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "Prometheus ready");
        return server;
    }

    /// <summary>The first sample's value of an instant query, or null when the result is empty. A query that does not parse throws.</summary>
    public async Task<double?> ValueAsync(string promql)
    {
        var data = await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() == "scalar") return Number(result[1]);
        return result.GetArrayLength() == 0 ? null : Number(result[0].GetProperty("value")[1]);
    }

    public async Task<IReadOnlyList<PrometheusAlert>> AlertsAsync() =>
        (await GetAsync("/api/v1/alerts")).GetProperty("alerts").EnumerateArray()
            .Select(a => new PrometheusAlert(
                a.GetProperty("labels").GetProperty("alertname").GetString()!,
                a.GetProperty("state").GetString()!,
                a.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!)))
            .ToList();

    /// <summary>Every metric name Prometheus has scraped or recorded.</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync() =>
        (await GetAsync("/api/v1/label/__name__/values")).EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Prometheus answered {(int)response.StatusCode} to {path}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("data").Clone();
    }

    private static double Number(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        TestFolders.TryDelete(_folder);
    }
}
