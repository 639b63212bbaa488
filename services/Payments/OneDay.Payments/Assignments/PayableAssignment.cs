namespace OneDay.Payments.Assignments;

/// <summary>A completed application the employer owes a wage for, recorded from jobs' job-completed event.</summary>
public sealed class PayableAssignment
{
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid WorkerId { get; init; }
    public long WageKrw { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
}
