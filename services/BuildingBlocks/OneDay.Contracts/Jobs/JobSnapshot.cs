namespace OneDay.Contracts.Jobs;

/// <summary>
/// A job as it stands after a change, carried whole by the job events so the search read model never
/// calls back. <see cref="Version"/> grows with every change; consumers ignore a snapshot older than the
/// one they hold. Money is whole KRW.
/// </summary>
public sealed record JobSnapshot(
    Guid JobId,
    long Version,
    Guid EmployerId,
    string Title,
    string Description,
    string Category,
    long WageKrw,
    string Address,
    double Latitude,
    double Longitude,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Headcount,
    int FilledCount,
    string Status,
    DateTimeOffset PostedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>What <see cref="WageKrw"/> pays for: "Hourly" (per hour) or "Daily" (the whole shift).</summary>
    public string WageUnit { get; init; } = "Hourly";

    /// <summary>"Review" (the employer chooses) or "Instant" (eligible applicants are accepted first-come).</summary>
    public string MatchingMode { get; init; } = "Review";
}
