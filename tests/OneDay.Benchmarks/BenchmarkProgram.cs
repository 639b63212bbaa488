using System.Diagnostics;
using OneDay.Testing;

namespace OneDay.Benchmarks;

/// <summary>
/// Runs the scenarios named on the command line (default: all) against real PostgreSQL and Redis
/// (scripts/infra.sh up; ONEDAY_TEST_POSTGRES / ONEDAY_TEST_REDIS) and the emulator, prints each
/// scenario's table and writes them all to a Markdown report. Figures vary with the machine: compare the
/// rows of one run, not runs on different days.
/// <code>
/// [all | search gateway propagation web payments chat workflows checkin …] [--smoke] [--report path.md]
/// </code>
/// Exits 1 when a scenario failed (an exception, a failed request, a broken invariant such as the
/// ledger), 2 on bad arguments; a budget that is not met is reported, not a failure.
/// </summary>
public static class BenchmarkProgram
{
    public static readonly string[] Scenarios = [.. SearchScenarios.Names, "payments", "chat", "workflows", "checkin"];

    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            stop.Cancel();
        }
        // Unsubscribed afterwards: the smoke test calls Main inside a test host that lives on.
        Console.CancelKeyPress += OnCancel;
        try
        {
            return await RunAsync(args, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var smoke = args.Contains("--smoke") || Environment.GetEnvironmentVariable("ONEDAY_BENCH_SMOKE") == "1";
        var reportAt = Array.IndexOf(args, "--report");
        if (reportAt >= 0 && reportAt + 1 >= args.Length) return Usage("--report needs a path");
        var names = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (reportAt < 0 || i != reportAt + 1)).ToList();
        if (names.Count == 0 || names.Contains("all")) names = [.. Scenarios];
        if (names.FirstOrDefault(n => !Scenarios.Contains(n)) is { } unknown) return Usage($"no scenario '{unknown}'");

        var time = TimeProvider.System;
        var context = new BenchmarkContext(BenchmarkSettings.From(smoke, reportAt >= 0 ? args[reportAt + 1] : null, time), time, cancellationToken);
        PointWebApplicationFactoryAtTheServices();
        var header = BenchmarkReport.Header(context);
        Console.Write(header);
        var reports = new List<ScenarioReport>();
        await foreach (var report in RunScenariosAsync(names, context))
        {
            Console.Write(report.ToMarkdown());
            reports.Add(report);
        }
        Console.Write(BenchmarkReport.Summary(reports));
        // Written even after Ctrl+C: what was measured before it is still worth keeping.
        await BenchmarkReport.WriteAsync(context.Settings.ReportPath, header, reports, CancellationToken.None);
        var failed = reports.Where(r => r.Errors.Count > 0).Select(r => r.Name).ToList();
        Console.WriteLine($"Report: {Path.GetFullPath(context.Settings.ReportPath)}");
        if (failed.Count > 0) Console.WriteLine($"Failed: {string.Join(", ", failed)}");
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>The wanted scenarios in a fixed order; the search ones (search, gateway, propagation, web) share one loaded search service.</summary>
    private static async IAsyncEnumerable<ScenarioReport> RunScenariosAsync(IReadOnlyCollection<string> names, BenchmarkContext context)
    {
        var search = SearchScenarios.Names.Where(names.Contains).ToList();
        if (search.Count > 0)
        {
            SearchStack? stack = null;
            Exception? startFailure = null;
            try
            {
                var loading = Stopwatch.GetTimestamp();
                stack = await SearchStack.StartAsync();
                await stack.LoadAsync(context.Settings.Jobs);
                Console.WriteLine($"(search service started and loaded with {context.Settings.Jobs:N0} jobs in {Stopwatch.GetElapsedTime(loading).TotalSeconds:0.0} s)\n");
            }
            catch (Exception ex)
            {
                startFailure = ex;
            }
            await using (stack)
            {
                foreach (var name in search)
                {
                    yield return startFailure is not null
                        ? ScenarioReport.Failed(name, startFailure)
                        : await GuardedAsync(name, () => name switch
                        {
                            "search" => SearchScenarios.SearchAsync(stack!, context),
                            "gateway" => SearchScenarios.GatewayAsync(stack!, context),
                            "web" => WebScenario.RunAsync(stack!, context),
                            _ => SearchScenarios.PropagationAsync(stack!, context),
                        });
                }
            }
        }
        if (names.Contains("payments")) yield return await GuardedAsync("payments", () => PaymentsScenario.RunAsync(context));
        if (names.Contains("chat")) yield return await GuardedAsync("chat", () => ChatScenario.RunAsync(context));
        if (names.Contains("workflows")) yield return await GuardedAsync("workflows", () => WorkflowsScenario.RunAsync(context));
        if (names.Contains("checkin")) yield return await GuardedAsync("checkin", () => CheckInScenario.RunAsync(context));
    }

    /// <summary>A scenario that throws is reported as failed and the run goes on to the next one.</summary>
    private static async Task<ScenarioReport> GuardedAsync(string name, Func<Task<ScenarioReport>> scenario)
    {
        var started = Stopwatch.GetTimestamp();
        ScenarioReport report;
        try
        {
            report = (await scenario()).WithFailuresAsErrors();
        }
        catch (Exception ex)
        {
            report = ScenarioReport.Failed(name, ex);
        }
        return report with { Took = Stopwatch.GetElapsedTime(started) };
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"{problem}. Usage: [all | {string.Join(" | ", Scenarios)} …] [--smoke] [--report path.md]");
        return 2;
    }

    /// <summary>
    /// WebApplicationFactory finds a hosted app's content root from attributes a test project gets; this
    /// is a console program, so it names them the documented way (ASPNETCORE_TEST_CONTENTROOT_*).
    /// </summary>
    private static void PointWebApplicationFactoryAtTheServices()
    {
        foreach (var service in new[] { "Gateway", "Search", "Payments", "Chat", "Jobs", "Web" })
        {
            Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_ONEDAY_{service.ToUpperInvariant()}", RepositoryFolder.PathOf(Path.Combine("services", service, $"OneDay.{service}")));
        }
    }
}
