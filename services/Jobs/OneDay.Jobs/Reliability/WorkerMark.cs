namespace OneDay.Jobs.Reliability;

public enum WorkerMarkKind
{
    /// <summary>Offered first: listed before other applicants.</summary>
    Favourite,
    /// <summary>Cannot apply to this employer's jobs again.</summary>
    Blocked,
}

/// <summary>An employer's mark on a worker (at most one per pair).</summary>
public sealed class WorkerMark
{
    public Guid EmployerId { get; init; }
    public Guid WorkerId { get; init; }
    public WorkerMarkKind Kind { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}
