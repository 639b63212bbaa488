using System.Diagnostics.Metrics;

namespace OneDay.Jobs.Applications;

/// <summary>
/// Business metrics: every status an application reaches, so dashboards derive the application count
/// (Pending), the match rate (Accepted / Pending) and how often the saga compensates (Failed, Expired).
/// </summary>
public static class ApplicationMetrics
{
    private static readonly Meter Meter = new("OneDay.Jobs");

    private static readonly Counter<long> Reached = Meter.CreateCounter<long>(
        "oneday.jobs.application_statuses", description: "Applications reaching each status");

    public static void RecordReached(ApplicationStatus status) =>
        Reached.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
}
