using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Data;

public static class JobLocks
{
    /// <summary>
    /// Loads a job for change, holding its row lock until the caller's transaction ends. Every change to
    /// a job's slots goes through here, so concurrent accepts on any replica queue on the row and the
    /// headcount is never passed (an in-process lock would not hold across replicas).
    /// </summary>
    public static async Task<Job?> LockJobAsync(this JobsDbContext db, Guid jobId, CancellationToken cancellationToken)
    {
        var rows = await db.Jobs.FromSql($"SELECT * FROM jobs WHERE id = {jobId} FOR UPDATE").ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Loads an application for change, holding its row lock until the caller's transaction ends: a worker's
    /// two phones scanning at once, or a scan racing the employer's hand, make one record, one after the other.
    /// </summary>
    public static async Task<Application?> LockApplicationAsync(this JobsDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        var rows = await db.Applications.FromSql($"SELECT * FROM applications WHERE id = {applicationId} FOR UPDATE").ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }
}
