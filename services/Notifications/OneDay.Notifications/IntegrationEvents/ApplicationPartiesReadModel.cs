using OneDay.Contracts.Jobs;
using OneDay.Notifications.Data;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>Keeps <see cref="ApplicationParties"/> from job-matched and answers the job title later events leave out.</summary>
public static class ApplicationPartiesReadModel
{
    private const string UnknownJobTitle = "지원하신 공고";

    public static async Task RememberAsync(NotificationsDbContext db, JobMatched match, CancellationToken cancellationToken)
    {
        if (await db.ApplicationParties.FindAsync([match.ApplicationId], cancellationToken) is { } known)
        {
            known.JobTitle = match.JobTitle;
            return;
        }
        db.ApplicationParties.Add(new ApplicationParties
        {
            ApplicationId = match.ApplicationId, JobId = match.JobId, WorkerId = match.WorkerId, EmployerId = match.EmployerId, JobTitle = match.JobTitle,
        });
    }

    /// <summary>The matched job's title, or a neutral phrase when the match was never heard of (its event not yet or never delivered).</summary>
    public static async Task<string> JobTitleAsync(NotificationsDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        (await db.ApplicationParties.FindAsync([applicationId], cancellationToken))?.JobTitle ?? UnknownJobTitle;
}
