extern alias web;

using System.Globalization;
using OneDay.Testing;
using WebProgram = web::Program;

namespace OneDay.Benchmarks;

/// <summary>
/// The web client's job search page over the loaded search service: its first render and a search, each beside
/// the API request the page makes for it, so the difference is what the web client adds.
/// </summary>
public static class WebScenario
{
    /// <summary>The search results list: a page without it rendered an error or no jobs, which is not what is timed.</summary>
    private const string ResultsList = "<ol class=\"jobs\"";

    public static async Task<ScenarioReport> RunAsync(SearchStack stack, BenchmarkContext context)
    {
        var (settings, cancellationToken) = (context.Settings, context.CancellationToken);
        var gateway = await stack.GatewayAsync();
        var site = await stack.Dapr.StartServiceAsync<WebProgram>("web", new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Web:GatewayAddress"] = gateway.BaseAddress.ToString(),
        });
        using var api = gateway.CreateClient();
        using var pages = site.CreateClient();
        var query = Uri.EscapeDataString("물류");
        var ways = new (string Name, Func<Task<bool>> Request, RowRole Role)[]
        {
            ("the page's API request: GET /search/jobs?limit=20 through the gateway", Api(api, "/search/jobs?limit=20", cancellationToken), RowRole.Floor),
            ("job search's first render: GET /jobs, 20 jobs in the HTML", Page(pages, "/jobs", cancellationToken), RowRole.Measured),
            ("the search's API request: GET /search/jobs?limit=20&q=물류 through the gateway", Api(api, $"/search/jobs?limit=20&q={query}", cancellationToken), RowRole.Floor),
            ("a search at the page: GET /jobs?q=물류 (the form's submit), results in the HTML", Page(pages, $"/jobs?q={query}", cancellationToken), RowRole.Measured),
        };
        // Each way's first request warms the apps' caches and connections: a cold start, which is not what is timed.
        foreach (var way in ways) await way.Request();
        // One person: the four requests in turn, so each page and its API request see the same noise. Then eight
        // people at once, one way at a time: what the web client's rendering costs the two cores under load.
        var alone = await LoadRun.MeasureInTurnAsync([.. ways.Select(w => (w.Name, w.Request))], settings.Duration, settings.WarmUp, cancellationToken);
        var rows = alone.Select((result, i) => new ReportRow(result, ways[i].Role)).ToList();
        foreach (var way in ways)
        {
            rows.Add(new ReportRow(await LoadRun.MeasureAsync(way.Name, 8, settings.Duration, settings.WarmUp, _ => way.Request(), cancellationToken), way.Role));
        }
        var checks = new List<ScenarioCheck>();
        foreach (var clients in new[] { 1, 8 })
        {
            var measured = rows.Where(r => r.Result.Concurrency == clients).Select(r => r.Result).ToList();
            checks.Add(new ScenarioCheck($"the web client's own cost at p50, first render, {clients} client{(clients == 1 ? "" : "s")}, for information", Added(measured[1], measured[0]), Met: null));
            checks.Add(new ScenarioCheck($"the web client's own cost at p50, a search, {clients} client{(clients == 1 ? "" : "s")}, for information", Added(measured[3], measured[2]), Met: null));
        }
        return new ScenarioReport("web", $"the web client's job search page over {settings.Jobs:N0} jobs",
            "Through the whole stack as a browser reaches it: the web app (static server rendering of /jobs) calls the gateway by service invocation through its sidecar, and the gateway calls search " +
            "through its own. Each page is timed until its whole HTML, the list of jobs in it, has arrived, beside the API request the page makes (the floor): the difference is what the web client adds. " +
            "A search is the search form's GET, as the browser sends it after the person types and presses 검색. The browser's own parsing and painting are not included, nor the 초성 " +
            "suggestions while typing (they go through the page's interactive circuit; the search scenario measures their API).",
            rows, checks, []);
    }

    private static Func<Task<bool>> Api(HttpClient client, string uri, CancellationToken cancellationToken) => async () =>
    {
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode;
    };

    private static Func<Task<bool>> Page(HttpClient client, string uri, CancellationToken cancellationToken) => async () =>
    {
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(ResultsList, StringComparison.Ordinal);
    };

    private static string Added(LoadResult page, LoadResult api) =>
        string.Create(CultureInfo.InvariantCulture, $"{page.Percentile(50) - api.Percentile(50):+0.000;-0.000} ms (page p50 {page.Percentile(50):0.000} ms, p95 {page.Percentile(95):0.000} ms)");
}
