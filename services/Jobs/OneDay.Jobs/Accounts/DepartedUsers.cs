using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Accounts;

/// <summary>
/// What a deleted account leaves behind in jobs (user-deleted). Its upcoming work ends: a worker's
/// applications for jobs not yet started are cancelled and their slots go to others; an employer's jobs not
/// yet started are withdrawn as if deleted, their workers told. Work already done stays, for pay and records; the
/// account's name goes from the names kept for contracts, while contracts already drawn keep the names they were
/// drawn with (an employer keeps labour contracts for three years, 근로기준법 §42).
/// </summary>
public sealed class DepartedUsers(JobsDbContext db, ApplicationLifecycle lifecycle, JobWithdrawal withdrawal, TimeProvider time)
{
    private static readonly ApplicationStatus[] Upcoming = [ApplicationStatus.Pending, ApplicationStatus.Submitted, ApplicationStatus.Accepted, ApplicationStatus.Waitlisted];

    /// <summary>Closes the deleted account's part in jobs: its upcoming work ends and its name is forgotten.</summary>
    public async Task CloseAccountAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var applications = await db.Applications
            .Where(a => a.WorkerId == userId && Upcoming.Contains(a.Status))
            .Join(db.Jobs.Where(j => j.StartsAt > now), a => a.JobId, j => j.Id, (a, j) => new { a.Id, a.JobId })
            .ToListAsync(cancellationToken);
        foreach (var upcoming in applications.OrderBy(a => a.JobId))
        {
            var job = await db.LockJobAsync(upcoming.JobId, cancellationToken) ?? throw new InvalidOperationException($"application {upcoming.Id} has no job");
            var application = await db.Applications.SingleAsync(a => a.Id == upcoming.Id, cancellationToken);
            await lifecycle.CancelForDepartedWorkerAsync(job, application, now, cancellationToken);
        }

        var jobIds = await db.Jobs
            .Where(j => j.EmployerId == userId && (j.Status == JobStatus.Open || j.Status == JobStatus.Filled) && j.StartsAt > now)
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        foreach (var jobId in jobIds)
        {
            if (await db.LockJobAsync(jobId, cancellationToken) is { } job) await withdrawal.WithdrawAsync(job, cancellationToken);
        }
        await db.AccountNames.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
