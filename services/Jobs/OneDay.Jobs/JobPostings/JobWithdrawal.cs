using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Persistence.Outbox;

namespace OneDay.Jobs.JobPostings;

/// <summary>
/// Takes a job off OneDay: removed when nobody applied; otherwise cancelled with its applications, so
/// applicants keep a record of what happened and accepted workers are told (application-cancelled).
/// Refused once work on it has been completed. The caller holds the job's row lock and commits.
/// </summary>
public sealed class JobWithdrawal(JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, ApplicationLifecycle lifecycle, TimeProvider time)
{
    /// <summary>Withdraws <paramref name="job"/>; returns why not, or null when done.</summary>
    public async Task<string?> WithdrawAsync(Job job, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.Where(a => a.JobId == job.Id).ToListAsync(cancellationToken);
        if (applications.Any(a => a.Status is ApplicationStatus.Completed or ApplicationStatus.Paid))
        {
            return "근무가 완료된 공고는 삭제할 수 없습니다.";
        }
        var now = time.GetUtcNow();
        if (applications.Count == 0)
        {
            db.Jobs.Remove(job);
            outbox.Add(new JobDeleted(job.Id, job.Version + 1));
        }
        else if (job.Status != JobStatus.Cancelled)
        {
            job.Cancel(now);
            foreach (var application in applications) lifecycle.CancelForCancelledJob(job, application, now);
            outbox.Add(new JobDeleted(job.Id, job.Version));
        }
        return null;
    }
}
