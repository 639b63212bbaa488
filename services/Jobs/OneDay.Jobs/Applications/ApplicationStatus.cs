using System.Collections.Frozen;

namespace OneDay.Jobs.Applications;

public enum ApplicationStatus
{
    /// <summary>Recorded; the saga is checking eligibility and telling the employer.</summary>
    Pending,
    /// <summary>Waiting for the employer's decision (Review mode).</summary>
    Submitted,
    Accepted,
    Completed,
    Paid,
    Rejected,
    Cancelled,
    Expired,
    Failed,
    /// <summary>Matched, but the worker did not check in by the start plus the grace.</summary>
    NoShow,
    /// <summary>Applied to a full job: offered the first place that reopens, in the order of applying, until the job starts.</summary>
    Waitlisted,
}

/// <summary>
/// Which status may follow which: the one table every transition consults, so a duplicated or late
/// message cannot move an application anywhere the process does not lead (no failure path reaches Paid).
/// </summary>
public static class ApplicationTransitions
{
    private static readonly FrozenDictionary<ApplicationStatus, FrozenSet<ApplicationStatus>> Next =
        new Dictionary<ApplicationStatus, FrozenSet<ApplicationStatus>>
        {
            [ApplicationStatus.Pending] = Set(ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.Rejected,
                ApplicationStatus.Cancelled, ApplicationStatus.Failed),
            [ApplicationStatus.Submitted] = Set(ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Cancelled,
                ApplicationStatus.Expired),
            [ApplicationStatus.Accepted] = Set(ApplicationStatus.Completed, ApplicationStatus.Cancelled, ApplicationStatus.NoShow),
            [ApplicationStatus.Completed] = Set(ApplicationStatus.Paid),
            // Payments' compensation: a refunded payment makes the work unpaid again.
            [ApplicationStatus.Paid] = Set(ApplicationStatus.Completed),
            [ApplicationStatus.Rejected] = Set(),
            [ApplicationStatus.Cancelled] = Set(),
            [ApplicationStatus.Expired] = Set(),
            [ApplicationStatus.Failed] = Set(),
            [ApplicationStatus.NoShow] = Set(),
            // Promoted to a reopened place (Accepted in Instant mode, Submitted in Review mode), withdrawn, or ended
            // when the waitlist closes (the job starts: Expired; it is closed or cancelled: Cancelled).
            [ApplicationStatus.Waitlisted] = Set(ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.Rejected,
                ApplicationStatus.Cancelled, ApplicationStatus.Expired, ApplicationStatus.Failed),
        }.ToFrozenDictionary();

    public static bool IsAllowed(ApplicationStatus from, ApplicationStatus to) => Next[from].Contains(to);

    private static FrozenSet<ApplicationStatus> Set(params ApplicationStatus[] statuses) => statuses.ToFrozenSet();
}
