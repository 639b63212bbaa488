namespace OneDay.Jobs.Applications;

/// <summary>
/// A worker's application to a job. <see cref="HoldsSlot"/> says whether it counts against the job's
/// headcount: from acceptance (or, in Instant mode, from the moment it is recorded) until it leaves.
/// </summary>
public sealed class Application
{
    public Guid Id { get; init; }
    public Guid JobId { get; init; }
    public Guid WorkerId { get; init; }
    public Guid EmployerId { get; init; }
    public ApplicationStatus Status { get; private set; }
    public bool HoldsSlot { get; private set; }
    public string? Reason { get; private set; }
    public int? MinutesWorked { get; private set; }

    /// <summary>What the employer owes for cancelling this matched worker late (0 when nothing is owed).</summary>
    public long CancellationPayKrw { get; private set; }

    /// <summary>When payments settled <see cref="CancellationPayKrw"/>.</summary>
    public DateTimeOffset? CancellationPaidAt { get; private set; }
    public DateTimeOffset AppliedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Application Record(Guid jobId, Guid workerId, Guid employerId, bool holdsSlot, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        JobId = jobId,
        WorkerId = workerId,
        EmployerId = employerId,
        Status = ApplicationStatus.Pending,
        HoldsSlot = holdsSlot,
        AppliedAt = now,
        UpdatedAt = now,
    };

    /// <summary>An application to a full job: it holds no slot and waits for one to reopen (<see cref="ApplicationStatus.Waitlisted"/>).</summary>
    public static Application Waitlist(Guid jobId, Guid workerId, Guid employerId, DateTimeOffset now)
    {
        var application = Record(jobId, workerId, employerId, holdsSlot: false, now);
        application.Status = ApplicationStatus.Waitlisted;
        return application;
    }

    /// <summary>Moves to <paramref name="next"/> if the table allows it; false (and no change) otherwise.</summary>
    public bool TryMoveTo(ApplicationStatus next, DateTimeOffset now, string? reason = null)
    {
        if (!ApplicationTransitions.IsAllowed(Status, next)) return false;
        Status = next;
        if (reason is not null) Reason = reason;
        UpdatedAt = now;
        return true;
    }

    public void TakeSlot() => HoldsSlot = true;

    /// <summary>Stops holding a slot; true when it held one (the caller gives it back to the job).</summary>
    public bool ReleaseSlot()
    {
        var held = HoldsSlot;
        HoldsSlot = false;
        return held;
    }

    public void RecordWork(int minutesWorked) => MinutesWorked = minutesWorked;

    public void OweCancellationPay(long amountKrw) => CancellationPayKrw = amountKrw;

    /// <summary>
    /// Records (or, for a refund, takes back) the cancellation pay's settlement, idempotently: a repeated call keeps the
    /// first settlement's time. False when no cancellation pay is owed.
    /// </summary>
    public bool SettleCancellationPay(DateTimeOffset? paidAt)
    {
        if (Status != ApplicationStatus.Cancelled || CancellationPayKrw == 0) return false;
        CancellationPaidAt = paidAt is null ? null : CancellationPaidAt ?? paidAt;
        return true;
    }
}
