namespace OneDay.Benchmarks.Tests;

/// <summary>
/// The benchmark program's smoke run, called as `dotnet run … -- --smoke` would call it: every scenario
/// hosts its real services, measures for a moment and checks its invariants (the ledger to the won,
/// chat messages only to their room). Figures are not asserted: CI machines are shared and noisy.
/// </summary>
public sealed class SmokeRunTests
{
    [Fact(Timeout = 240_000)]
    public async Task The_smoke_run_completes_every_scenario_and_reports_each_one()
    {
        var report = Path.Combine(Path.GetTempPath(), "oneday-benchmarks", $"smoke-{Guid.NewGuid():N}.md");
        try
        {
            var exitCode = await BenchmarkProgram.Main(["all", "--smoke", "--report", report]);

            var text = await File.ReadAllTextAsync(report);
            Assert.True(exitCode == 0, $"the smoke run exited with {exitCode}:\n{text}");
            Assert.All(BenchmarkProgram.Scenarios, scenario => Assert.Contains($"\n## {scenario} — ", text, StringComparison.Ordinal));
            Assert.DoesNotContain("**error**", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
