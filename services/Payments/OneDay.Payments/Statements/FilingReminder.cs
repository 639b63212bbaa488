namespace OneDay.Payments.Statements;

/// <summary>That an employer was reminded of one filing for one month: kept so a reminder goes once, whatever restarts or replicas.</summary>
public sealed class FilingReminder
{
    public Guid EmployerId { get; init; }
    public required string Filing { get; init; }
    public required string Month { get; init; }
    public DateTimeOffset RemindedAt { get; init; }
}
