namespace OneDay.Notifications.IntegrationEvents;

/// <summary>
/// Who is on each side of a matched application and the job's title, remembered from job-matched, because
/// later events (job-completed, payment-completed, payment-failed) do not carry the title.
/// </summary>
public sealed class ApplicationParties
{
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid WorkerId { get; init; }
    public Guid EmployerId { get; init; }
    public required string JobTitle { get; set; }
}
