using System.Globalization;
using System.Text;

namespace OneDay.Benchmarks;

/// <summary>What a row is to its scenario: the floor the others are compared with, a peer for context, or the measured thing.</summary>
public enum RowRole
{
    Floor,
    Peer,
    Measured,
}

/// <summary>A budget (README, Benchmarks) a row is held to; it is met only if the row also had no failures.</summary>
public sealed record RowBudget(string Text, Func<LoadResult, bool> IsMet);

public sealed record ReportRow(LoadResult Result, RowRole Role, RowBudget? Budget = null)
{
    public bool? Met => Budget is null ? null : Result.Failures == 0 && Budget.IsMet(Result);
}

/// <summary>
/// A budget or invariant that belongs to the scenario rather than to one row (a difference of rows, the
/// ledger). An invariant that does not hold is an error; a budget that is not met is only reported; a
/// figure given for information has no verdict (<paramref name="Met"/> null).
/// </summary>
public sealed record ScenarioCheck(string Text, string Measured, bool? Met, bool Invariant = false);

/// <summary>
/// One scenario's outcome. <see cref="Errors"/> are what make a run fail (an exception, a failed request,
/// a broken invariant); a budget not met is reported, not an error, because the machines are shared and noisy.
/// </summary>
public sealed record ScenarioReport(
    string Name, string Title, string Description, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ScenarioCheck> Checks, IReadOnlyList<string> Errors)
{
    /// <summary>How long the scenario ran, set-up included (for the search scenarios, not the shared loading of the jobs).</summary>
    public TimeSpan Took { get; init; }

    public static ScenarioReport Failed(string name, Exception error) =>
        new(name, name, "The scenario stopped with an exception.", [], [], [error.ToString()]);

    /// <summary>Adds an error for every row with failed requests and every invariant that did not hold.</summary>
    public ScenarioReport WithFailuresAsErrors() => this with
    {
        Errors =
        [
            .. Errors,
            .. Rows.Where(r => r.Result.Failures > 0).Select(r => $"{r.Result.Name}: {r.Result.Failures} failed requests"),
            .. Checks.Where(c => c.Invariant && c.Met != true).Select(c => $"{c.Text}: {c.Measured}"),
        ],
    };

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        LoadResult? floor = null;
        text.Append(CultureInfo.InvariantCulture, $"## {Name} — {Title}\n\n{Description}\n\n");
        if (Rows.Count > 0)
        {
            text.Append("| measured | role | clients | p50 ms | p95 ms | p99 ms | per s | p50 × floor | fails | budget | met |\n");
            text.Append("|---|---|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
            foreach (var row in Rows)
            {
                // Each row is compared with the floor measured last before it (search has one per concurrency).
                if (row.Role == RowRole.Floor) floor = row.Result;
                var r = row.Result;
                text.Append(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {row.Role.ToString().ToLowerInvariant()} | {r.Concurrency} | {r.Percentile(50):0.000} | {r.Percentile(95):0.000} | {r.Percentile(99):0.000} | {r.Throughput:0} | {Ratio(r, floor)} | {r.Failures} | {row.Budget?.Text ?? "—"} | {Verdict(row.Met)} |\n");
            }
            text.Append('\n');
        }
        foreach (var check in Checks) text.Append(CultureInfo.InvariantCulture, $"- {check.Text}: {check.Measured} — {Verdict(check.Met)}\n");
        foreach (var error in Errors) text.Append(CultureInfo.InvariantCulture, $"- **error**: {error.ReplaceLineEndings("\n  ")}\n");
        return text.Append('\n').ToString();
    }

    private static string Ratio(LoadResult row, LoadResult? floor) =>
        floor is null || floor.Percentile(50) <= 0 ? "—" : (row.Percentile(50) / floor.Percentile(50)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Verdict(bool? met) => met switch
    {
        null => "—",
        true => "met",
        false => "**not met**",
    };
}

/// <summary>The Markdown report of one run: its sizes and machine, then every scenario's section.</summary>
public static class BenchmarkReport
{
    public static string Header(BenchmarkContext context)
    {
        var s = context.Settings;
        return string.Create(CultureInfo.InvariantCulture, $"""
            # OneDay benchmarks — {context.Time.GetUtcNow():u}

            {(s.Smoke ? "**Smoke run**: tiny sizes, to prove every scenario works; its figures mean nothing." : "Full run.")}
            {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}. Measured {s.Duration.TotalSeconds:0.##} s per timed row after {s.WarmUp.TotalSeconds:0.##} s of warm-up;
            {s.Jobs:N0} jobs, {s.Payments:N0} payments by {s.PaymentClients} clients, {s.ChatClients:N0} chat clients in rooms of {s.ChatRoomSize} with {s.ChatSenders} senders, {s.CheckIns:N0} check-ins by {s.CheckInClients} workers at once.
            Compare the rows of one run (ratios to each scenario's floor): the machines are shared and noisy.


            """);
    }

    /// <summary>One line per scenario: whether it ran cleanly and how many of its budgets were met.</summary>
    public static string Summary(IReadOnlyList<ScenarioReport> scenarios)
    {
        var text = new StringBuilder("| scenario | result | budgets met | took |\n|---|---|---|--:|\n");
        foreach (var s in scenarios)
        {
            var verdicts = s.Rows.Select(r => r.Met).Concat(s.Checks.Where(c => !c.Invariant).Select(c => c.Met)).OfType<bool>().ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"| {s.Name} | {(s.Errors.Count == 0 ? "ok" : "**failed**")} | {verdicts.Count(met => met)} of {verdicts.Count} | {s.Took.TotalSeconds:0.0} s |\n");
        }
        return text.Append('\n').ToString();
    }

    public static async Task WriteAsync(string path, string header, IReadOnlyList<ScenarioReport> scenarios, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(path, header + Summary(scenarios) + string.Concat(scenarios.Select(s => s.ToMarkdown())), cancellationToken);
    }
}
