using Microsoft.EntityFrameworkCore;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.LabourContracts;

/// <summary>
/// Draws a match's labour contract and keeps it in step with the job. The callers hold the job's row lock and save:
/// the contract commits with the match (or the job edit) that calls for it.
/// </summary>
public sealed class LabourContractRegister(JobsDbContext db, AccountNames names)
{
    /// <summary>The version in force (null when none was drawn), with its signatures.</summary>
    public Task<LabourContract?> CurrentAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.LabourContracts.Include(c => c.Signatures).SingleOrDefaultAsync(c => c.ApplicationId == applicationId && c.SupersededAt == null, cancellationToken);

    /// <summary>Whether the work of the application may be completed: a contract is in force and both sides signed it.</summary>
    public async Task<bool> IsSignedByBothAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await db.LabourContracts.AsNoTracking().Include(c => c.Signatures)
            .SingleOrDefaultAsync(c => c.ApplicationId == applicationId && c.SupersededAt == null, cancellationToken))?.IsSignedByBoth == true;

    /// <summary>Draws the next version of the match's contract from the job as it now stands.</summary>
    public async Task<LabourContract> DrawAsync(Job job, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var version = 1 + (await db.LabourContracts.Where(c => c.ApplicationId == application.Id).MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0);
        var id = Guid.CreateVersion7(now);
        var document = LabourContractDocument.Draw(
            job, await names.OfAsync(job.EmployerId, cancellationToken), application.WorkerId, await names.OfAsync(application.WorkerId, cancellationToken), id, version, now);
        var contract = new LabourContract
        {
            Id = id,
            ApplicationId = application.Id,
            JobId = job.Id,
            EmployerId = job.EmployerId,
            WorkerId = application.WorkerId,
            Version = version,
            Text = document.Text,
            DocumentSha256 = document.Sha256,
            TermsSha256 = LabourContractDocument.TermsSha256(job),
            DrawnAt = now,
        };
        db.LabourContracts.Add(contract);
        return contract;
    }

    /// <summary>
    /// After the job's terms changed: every match still to be worked whose contract says otherwise gets a new version,
    /// the old one kept and marked superseded, so both sides sign what now holds.
    /// </summary>
    public async Task ReviseForAsync(Job job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var terms = LabourContractDocument.TermsSha256(job);
        var matched = await db.Applications.Where(a => a.JobId == job.Id && a.Status == ApplicationStatus.Accepted).ToListAsync(cancellationToken);
        foreach (var application in matched)
        {
            var current = await CurrentAsync(application.Id, cancellationToken);
            if (current?.TermsSha256 == terms) continue;
            current?.Supersede(now);
            // The superseded version must leave the "in force" index before the new one enters it.
            await db.SaveChangesAsync(cancellationToken);
            await DrawAsync(job, application, now, cancellationToken);
        }
    }
}
