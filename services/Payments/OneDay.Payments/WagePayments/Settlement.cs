namespace OneDay.Payments.WagePayments;

/// <summary>What the worker was paid for one assignment: the net, after withholding, credited to their wallet.</summary>
public sealed class Settlement
{
    public Guid Id { get; init; }
    public Guid PaymentId { get; init; }
    public Guid WorkerId { get; init; }
    public long GrossWageKrw { get; init; }
    public long WithheldKrw { get; init; }
    public long NetAmountKrw { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
