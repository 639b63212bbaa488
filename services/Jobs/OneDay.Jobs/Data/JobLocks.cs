using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Jobs;

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
}
