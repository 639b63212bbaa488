using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Persistence.Inbox;
using OneDay.Search.Data;
using OneDay.Search.Suggestions;
using OneDay.Search.Text;

namespace OneDay.Search.Indexing;

/// <summary>
/// Keeps the read model in step with the jobs service, from its events only: each carries the whole job
/// and a version, so an update applies only over an older version (a late or repeated event changes
/// nothing) and search never calls back. Deletions leave a tombstone with their version.
/// </summary>
public static class JobIndexing
{
    private static readonly string[] NoTerms = [];

    public static void MapJobIndexing(this WebApplication app)
    {
        app.MapIntegrationEventHandler<JobCreated, SearchDbContext>(context => IndexAsync(context.Db, context.Event.Job, context.CancellationToken));
        app.MapIntegrationEventHandler<JobUpdated, SearchDbContext>(context => IndexAsync(context.Db, context.Event.Job, context.CancellationToken));
        app.MapIntegrationEventHandler<JobDeleted, SearchDbContext>(context => RemoveAsync(context.Db, context.Event, context.CancellationToken));
    }

    /// <summary>Writes the snapshot unless a newer one is already indexed; true when it was written.</summary>
    public static async Task<bool> IndexAsync(SearchDbContext db, JobSnapshot job, CancellationToken cancellationToken)
    {
        // timestamptz takes UTC only (Npgsql refuses other offsets); events may carry Korean time.
        job = job with
        {
            StartsAt = job.StartsAt.ToUniversalTime(),
            EndsAt = job.EndsAt.ToUniversalTime(),
            PostedAt = job.PostedAt.ToUniversalTime(),
            UpdatedAt = job.UpdatedAt.ToUniversalTime(),
        };
        var titleTerms = KoreanText.Terms(job.Title).ToArray();
        var terms = KoreanText.Terms(job.Title + " " + job.Description).ToArray();
        var titleText = KoreanText.Normalize(job.Title);
        var titleJamo = KoreanText.Jamo(job.Title);
        var written = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO job_documents (job_id, version, employer_id, title, description, category, wage_krw, address, location,
                starts_at, ends_at, headcount, filled_count, status, posted_at, updated_at, deleted, terms, title_terms, title_text, title_jamo)
            VALUES ({job.JobId}, {job.Version}, {job.EmployerId}, {job.Title}, {job.Description}, {job.Category}, {job.WageKrw}, {job.Address},
                ST_SetSRID(ST_MakePoint({job.Longitude}, {job.Latitude}), 4326)::geography,
                {job.StartsAt}, {job.EndsAt}, {job.Headcount}, {job.FilledCount}, {job.Status}, {job.PostedAt}, {job.UpdatedAt}, false,
                {terms}, {titleTerms}, {titleText}, {titleJamo})
            ON CONFLICT (job_id) DO UPDATE SET
                version = EXCLUDED.version, employer_id = EXCLUDED.employer_id, title = EXCLUDED.title, description = EXCLUDED.description,
                category = EXCLUDED.category, wage_krw = EXCLUDED.wage_krw, address = EXCLUDED.address, location = EXCLUDED.location,
                starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, headcount = EXCLUDED.headcount, filled_count = EXCLUDED.filled_count,
                status = EXCLUDED.status, posted_at = EXCLUDED.posted_at, updated_at = EXCLUDED.updated_at, deleted = false,
                terms = EXCLUDED.terms, title_terms = EXCLUDED.title_terms, title_text = EXCLUDED.title_text, title_jamo = EXCLUDED.title_jamo
            WHERE job_documents.version < EXCLUDED.version
            """, cancellationToken);
        if (written == 1) await SuggestionBook.CountAsync(db, job.Title, job.UpdatedAt, cancellationToken);
        return written == 1;
    }

    private static Task<int> RemoveAsync(SearchDbContext db, JobDeleted deleted, CancellationToken cancellationToken) =>
        RemoveAsync(db, deleted.JobId, deleted.Version, deleted.OccurredAt.ToUniversalTime(), cancellationToken);

    private static Task<int> RemoveAsync(SearchDbContext db, Guid jobId, long version, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO job_documents (job_id, version, employer_id, title, description, category, wage_krw, address, location,
                starts_at, ends_at, headcount, filled_count, status, posted_at, updated_at, deleted, terms, title_terms, title_text, title_jamo)
            VALUES ({jobId}, {version}, {Guid.Empty}, '', '', '', 0, '', ST_SetSRID(ST_MakePoint(0, 0), 4326)::geography,
                {at}, {at}, 0, 0, 'Deleted', {at}, {at}, true, {NoTerms}, {NoTerms}, '', '')
            ON CONFLICT (job_id) DO UPDATE SET version = EXCLUDED.version, deleted = true, status = 'Deleted'
            WHERE job_documents.version < EXCLUDED.version
            """, cancellationToken);
}
