using System.Diagnostics.Metrics;
using OneDay.Jobs.Workflows;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Jobs.Applications;

/// <summary>
/// Business metrics: every status an application reaches, so dashboards derive the application count
/// (Pending, and Waitlisted for a full job), the match rate (Accepted / Pending) and how often the workflow compensates
/// (Failed, Expired); and the time to match, from applying to being accepted (a promoted waitlisted application included).
/// </summary>
public static class ApplicationMetrics
{
    private static readonly Meter Meter = new("OneDay.Jobs");

    private static readonly Counter<long> Reached = Meter.CreateCounter<long>(
        "oneday.jobs.application_statuses", description: "Applications reaching each status");

    private static readonly Histogram<double> TimeToMatch = Meter.CreateHistogram(
        "oneday.jobs.time_to_match", unit: "s", description: "From applying to being accepted",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400] });

    /// <summary>Creates the series at zero once the app runs, so the day's first application shows as an increase.</summary>
    public static void Declare()
    {
        foreach (var status in Enum.GetValues<ApplicationStatus>()) Reached.Add(0, Status(status));
        SagaMetrics.Declare(JobApplicationWorkflow.SagaKind);
    }

    public static void RecordReached(ApplicationStatus status) => Reached.Add(1, Status(status));

    /// <summary>Counts the status <paramref name="application"/> reached at <paramref name="now"/>; an acceptance also times the match.</summary>
    public static void RecordReached(Application application, DateTimeOffset now)
    {
        RecordReached(application.Status);
        if (application.Status == ApplicationStatus.Accepted) TimeToMatch.Record(Math.Max(0, (now - application.AppliedAt).TotalSeconds));
    }

    private static KeyValuePair<string, object?> Status(ApplicationStatus status) => new("status", status.ToString());
}
