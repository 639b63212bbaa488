namespace OneDay.Jobs.Reliability;

public enum ReliabilityReason
{
    LateCancel,
    NoShow,
}

/// <summary>Points a worker got for one broken promise (at most one per application and reason), kept as a record.</summary>
public sealed class ReliabilityPoint
{
    public Guid Id { get; init; }
    public Guid WorkerId { get; init; }
    public Guid ApplicationId { get; init; }
    public ReliabilityReason Reason { get; init; }
    public int Points { get; init; }
    public DateTimeOffset At { get; init; }
}
