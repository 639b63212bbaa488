using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Tells one side of an application about it, with the job's title, start, address and ids, only while the
/// application is in the status the notice is about. The idempotency key is per application and notice, so a
/// repeat after a lost answer arrives once. False: the application had moved on, nothing was sent.
/// </summary>
public sealed class ApplicationNotice(JobsDbContext db, INotificationSender notifications)
{
    public async Task<bool> SendAsync(Guid applicationId, ApplicationStatus whileStatus, ApplicationParty to, NotificationKind kind, string keyPrefix)
    {
        var subject = await db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.Status == whileStatus)
            .Join(db.Jobs, a => a.JobId, j => j.Id, (a, j) => new { j.Id, a.WorkerId, j.EmployerId, j.Title, j.StartsAt, j.Address })
            .SingleOrDefaultAsync();
        if (subject is null) return false;
        await notifications.SendAsync(new SendNotificationRequest(
            to == ApplicationParty.Worker ? subject.WorkerId : subject.EmployerId,
            kind,
            new Dictionary<string, string>
            {
                ["jobTitle"] = subject.Title,
                ["startsAt"] = subject.StartsAt.ToOffset(KoreanTime.Offset).ToString("M월 d일 HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ["address"] = subject.Address,
                ["applicationId"] = applicationId.ToString(),
                ["jobId"] = subject.Id.ToString(),
            },
            IdempotencyKey: $"{keyPrefix}:{applicationId}"), CancellationToken.None);
        return true;
    }
}
