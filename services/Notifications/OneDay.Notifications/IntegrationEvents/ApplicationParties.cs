namespace OneDay.Notifications.IntegrationEvents;

/// <summary>
/// Who is on each side of an application and the job's title, remembered from application-submitted,
/// -accepted and job-matched, because later events (application-rejected, job-completed, payment-failed)
/// do not carry them all.
/// </summary>
public sealed class ApplicationParties
{
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid WorkerId { get; init; }
    public Guid EmployerId { get; init; }
    public required string JobTitle { get; set; }
}
