using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Tells the employer of an application about it, with the job's title and ids, only while the application is in
/// the status the notice is about. The idempotency key is per application and notice, so a repeat after a lost
/// answer reaches the employer once. False: the application had moved on, nothing was sent.
/// </summary>
public sealed class EmployerNotice(JobsDbContext db, INotificationSender notifications)
{
    public async Task<bool> SendAsync(Guid applicationId, ApplicationStatus whileStatus, NotificationKind kind, string keyPrefix)
    {
        var subject = await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.Status == whileStatus)
            .Join(db.Jobs, a => a.JobId, j => j.Id, (a, j) => new { j.Id, j.EmployerId, j.Title })
            .SingleOrDefaultAsync();
        if (subject is null) return false;
        await notifications.SendAsync(new SendNotificationRequest(
            subject.EmployerId,
            kind,
            new Dictionary<string, string> { ["jobTitle"] = subject.Title, ["applicationId"] = applicationId.ToString(), ["jobId"] = subject.Id.ToString() },
            IdempotencyKey: $"{keyPrefix}:{applicationId}"), CancellationToken.None);
        return true;
    }
}
