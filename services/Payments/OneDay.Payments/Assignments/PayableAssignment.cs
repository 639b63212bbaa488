using OneDay.Payments.Fees;

namespace OneDay.Payments.Assignments;

/// <summary>
/// A completed application the employer owes a wage for, recorded from jobs' job-completed event: the wage
/// as posted (per hour or per day), the minutes the employer recorded, and whether the overtime premium bound
/// the employer when the work was done.
/// </summary>
public sealed class PayableAssignment
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

    /// <summary>
    /// Fixed when the completion is recorded, from the payroll settings in force then: switching the premium off
    /// afterwards changes what later work costs, never what work already done earned.
    /// </summary>
    public bool OwesOvertimePremium { get; init; } = true;

    /// <summary>What the gross wage is worked out from; hourly work beyond 8 hours earns the premium where the employer owed it.</summary>
    public WageBasis Basis() =>
        WageUnit == Hourly ? WageBasis.Hourly(WageKrw, MinutesWorked, OwesOvertimePremium) : WageBasis.Daily(WageKrw);
}
