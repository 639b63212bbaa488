using System.Diagnostics.Metrics;
using Dapr.Workflow;

namespace OneDay.ServiceDefaults.Sagas;

/// <summary>
/// What an operator needs of every saga, whatever runs it: <c>oneday_saga_failures_total</c> by saga kind
/// (a saga that gave up and compensated because its steps kept failing; a declined card or an ineligible
/// applicant is an outcome, not a failure) and <c>oneday_saga_step_delay_seconds</c>, how long after it
/// fell due a step ran (a saga waiting past its due time: its app or the workflow runtime not running it).
/// The names belong to the process, not to the engine, so dashboards and alerts outlived the move of the
/// sagas from actors to Dapr Workflows.
/// </summary>
public static class SagaMetrics
{
    private static readonly Meter Meter = new("OneDay.Sagas");

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "oneday.saga.failures", description: "Sagas that gave up after their step kept failing, and compensated");

    private static readonly Histogram<double> StepDelay = Meter.CreateHistogram(
        "oneday.saga.step_delay", unit: "s", description: "How long after it fell due a saga step ran",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600] });

    /// <summary>Creates the failure series at zero, so a first failure shows as an increase.</summary>
    public static void Declare(string saga) => Failures.Add(0, Kind(saga));

    public static void RecordFailure(string saga, string step) =>
        Failures.Add(1, Kind(saga), new KeyValuePair<string, object?>("step", step));

    /// <summary>
    /// Records, from a workflow's body, how late the step it is about to take ran after <paramref name="dueAt"/>:
    /// the turn's time is when the runtime ran it. A replayed turn is not measured again.
    /// </summary>
    public static void RecordStepDelay(WorkflowContext context, string saga, DateTimeOffset dueAt)
    {
        if (context.IsReplaying) return;
        var delay = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) - dueAt;
        StepDelay.Record(Math.Max(0, delay.TotalSeconds), Kind(saga));
    }

    private static KeyValuePair<string, object?> Kind(string saga) => new("saga", saga);
}
