using OneDay.Payments.Fees;

namespace OneDay.Payments.Payroll;

/// <summary>
/// An application the employer owes pay for: a completed one's wage, recorded from jobs' job-completed event (the
/// wage as posted, per hour or per day, the minutes worked, and whether the overtime premium bound the employer
/// when the work was done), or the share of the wage owed to a matched worker the employer cancelled late, from
/// application-cancelled (a fixed amount, held as a daily wage). Both are paid the same way.
/// </summary>
public sealed class OwedWage
{
    public const string Hourly = "Hourly";
    public const string Daily = "Daily";

    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid WorkerId { get; init; }
    public long WageKrw { get; init; }
    public string WageUnit { get; init; } = Daily;
    public int MinutesWorked { get; init; }
    public DateTimeOffset CompletedAt { get; init; }

    public PayableKind Kind { get; init; } = PayableKind.Work;

    /// <summary>
    /// Fixed when the completion is recorded, from the payroll settings in force then: switching the premium off
    /// afterwards changes what later work costs, never what work already done earned.
    /// </summary>
    public bool OwesOvertimePremium { get; init; } = true;

    /// <summary>What the gross wage is worked out from; hourly work beyond 8 hours earns the premium where the employer owed it.</summary>
    public WageBasis Basis() =>
        WageUnit == Hourly ? WageBasis.Hourly(WageKrw, MinutesWorked, OwesOvertimePremium) : WageBasis.Daily(WageKrw);
}

/// <summary>What the employer pays for.</summary>
public enum PayableKind
{
    Work,
    LateCancellation,
}
