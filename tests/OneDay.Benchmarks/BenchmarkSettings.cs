using System.Globalization;

namespace OneDay.Benchmarks;

/// <summary>
/// How big and how long a run is. A full run measures what the budgets (README, Benchmarks) speak of (100k jobs, 50 paying
/// clients, 1,000 chat clients, 100 workers checking in); a smoke run (<c>--smoke</c> or ONEDAY_BENCH_SMOKE=1) exercises every
/// scenario at tiny sizes so CI can prove they still work. ONEDAY_BENCH_* variables override either.
/// </summary>
public sealed record BenchmarkSettings(
    bool Smoke,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Jobs,
    int PropagationSamples,
    int Payments,
    int PaymentClients,
    int ChatClients,
    int ChatRoomSize,
    int ChatSenders,
    int WorkflowClients,
    int CheckIns,
    int CheckInClients,
    string ReportPath)
{
    public static BenchmarkSettings From(bool smoke, string? reportPath, TimeProvider time) => new(
        smoke,
        TimeSpan.FromSeconds(Number("ONEDAY_BENCH_SECONDS", smoke ? 0.5 : 5)),
        TimeSpan.FromSeconds(Number("ONEDAY_BENCH_WARMUP_SECONDS", smoke ? 0.2 : 1)),
        (int)Number("ONEDAY_BENCH_JOBS", smoke ? 300 : 100_000),
        (int)Number("ONEDAY_BENCH_PROPAGATION_SAMPLES", smoke ? 10 : 100),
        (int)Number("ONEDAY_BENCH_PAYMENTS", smoke ? 100 : 3_000),
        // The payment budget is stated at 50 concurrent clients; smoke keeps that shape.
        (int)Number("ONEDAY_BENCH_PAYMENT_CLIENTS", 50),
        (int)Number("ONEDAY_BENCH_CHAT_CLIENTS", smoke ? 12 : 1_000),
        // The chat issue's shape: 1,000 clients in 500 two-person rooms (an employer and their worker).
        (int)Number("ONEDAY_BENCH_CHAT_ROOM_SIZE", smoke ? 4 : 2),
        (int)Number("ONEDAY_BENCH_CHAT_SENDERS", smoke ? 2 : 10),
        (int)Number("ONEDAY_BENCH_WORKFLOW_CLIENTS", smoke ? 4 : 32),
        // The check-in budget is stated at 100 concurrent workers; each client checks in several workers, one after another.
        (int)Number("ONEDAY_BENCH_CHECK_INS", smoke ? 8 : 1_000),
        (int)Number("ONEDAY_BENCH_CHECK_IN_CLIENTS", smoke ? 4 : 100),
        reportPath
            ?? Environment.GetEnvironmentVariable("ONEDAY_BENCH_REPORT")
            ?? Path.Combine(Path.GetTempPath(), "oneday-benchmarks", $"report-{time.GetUtcNow():yyyyMMdd-HHmmss}.md"));

    private static double Number(string variable, double fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>What every scenario is given: the run's sizes, its clock, and the token that stops it (Ctrl+C).</summary>
public sealed record BenchmarkContext(BenchmarkSettings Settings, TimeProvider Time, CancellationToken CancellationToken);
