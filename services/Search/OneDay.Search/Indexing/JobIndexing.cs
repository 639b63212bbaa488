using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Search.Data;
using OneDay.Search.Suggestions;
using OneDay.Search.Text;

namespace OneDay.Search.Indexing;

/// <summary>
/// Keeps the read model in step with the jobs service, from its events only (mapped in IntegrationEvents): each
/// carries the whole job and a version, so an update applies only over an older version (a late or repeated event
/// changes nothing) and search never calls back. Deletions leave a tombstone with their version.
/// </summary>
public static class JobIndexing
{
    private static readonly string[] NoTerms = [];

    /// <summary>The table a reindex fills; while it exists, events are applied to it too.</summary>
    public const string RebuildTable = "job_documents_rebuild";

    /// <summary>Writes the snapshot unless a newer one is already indexed; true when it was written.</summary>
    public static async Task<bool> IndexAsync(SearchDbContext db, JobSnapshot job, CancellationToken cancellationToken)
    {
        var written = await IndexIntoAsync(db, "job_documents", job, cancellationToken);
        if (written) await SuggestionBook.CountAsync(db, job.Title, 1, job.UpdatedAt, cancellationToken);
        if (await RebuildingAsync(db, cancellationToken)) await IndexIntoAsync(db, RebuildTable, job, cancellationToken);
        return written;
    }

    /// <summary>The conditional upsert into one of the two tables (a constant name, never input).</summary>
    public static async Task<bool> IndexIntoAsync(SearchDbContext db, string table, JobSnapshot job, CancellationToken cancellationToken)
    {
        var words = KoreanText.Words(job.Title).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO known_words (word, jamo) SELECT * FROM unnest({words}, {words.Select(KoreanText.Jamo).ToArray()})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        // timestamptz takes UTC only (Npgsql refuses other offsets); events may carry Korean time.
        object[] values =
        [
            job.JobId, job.Version, job.EmployerId, job.Title, job.Description, job.Category, job.WageKrw, job.Address,
            job.Longitude, job.Latitude, job.StartsAt.ToUniversalTime(), job.EndsAt.ToUniversalTime(), job.Headcount, job.FilledCount,
            job.Status, job.PostedAt.ToUniversalTime(), job.UpdatedAt.ToUniversalTime(),
            KoreanText.Terms(job.Title + " " + job.Description).ToArray(), KoreanText.Terms(job.Title).ToArray(),
            KoreanText.Normalize(job.Title), KoreanText.Jamo(job.Title), job.WageUnit, words,
        ];
        var sql = FormattableStringFactory.Create($$"""
            INSERT INTO {{table}} (job_id, version, employer_id, title, description, category, wage_krw, address, location,
                starts_at, ends_at, headcount, filled_count, status, posted_at, updated_at, deleted, terms, title_terms, title_text, title_jamo, wage_unit, title_words)
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, ST_SetSRID(ST_MakePoint({8}, {9}), 4326)::geography,
                {10}, {11}, {12}, {13}, {14}, {15}, {16}, false, {17}, {18}, {19}, {20}, {21}, {22})
            ON CONFLICT (job_id) DO UPDATE SET
                version = EXCLUDED.version, employer_id = EXCLUDED.employer_id, title = EXCLUDED.title, description = EXCLUDED.description,
                category = EXCLUDED.category, wage_krw = EXCLUDED.wage_krw, address = EXCLUDED.address, location = EXCLUDED.location,
                starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, headcount = EXCLUDED.headcount, filled_count = EXCLUDED.filled_count,
                status = EXCLUDED.status, posted_at = EXCLUDED.posted_at, updated_at = EXCLUDED.updated_at, deleted = false,
                terms = EXCLUDED.terms, title_terms = EXCLUDED.title_terms, title_text = EXCLUDED.title_text, title_jamo = EXCLUDED.title_jamo,
                wage_unit = EXCLUDED.wage_unit, title_words = EXCLUDED.title_words
            WHERE {{table}}.version < EXCLUDED.version
            """, values);
        return await db.Database.ExecuteSqlAsync(sql, cancellationToken) == 1;
    }

    /// <summary>Leaves a tombstone with the deletion's version unless a newer version is already indexed.</summary>
    public static async Task RemoveAsync(SearchDbContext db, JobDeleted deleted, CancellationToken cancellationToken)
    {
        await RemoveFromAsync(db, "job_documents", deleted, cancellationToken);
        if (await RebuildingAsync(db, cancellationToken)) await RemoveFromAsync(db, RebuildTable, deleted, cancellationToken);
    }

    private static Task<int> RemoveFromAsync(SearchDbContext db, string table, JobDeleted deleted, CancellationToken cancellationToken)
    {
        var at = deleted.OccurredAt.ToUniversalTime();
        return db.Database.ExecuteSqlAsync(FormattableStringFactory.Create($$"""
            INSERT INTO {{table}} (job_id, version, employer_id, title, description, category, wage_krw, address, location,
                starts_at, ends_at, headcount, filled_count, status, posted_at, updated_at, deleted, terms, title_terms, title_text, title_jamo)
            VALUES ({0}, {1}, {2}, '', '', '', 0, '', ST_SetSRID(ST_MakePoint(0, 0), 4326)::geography,
                {3}, {3}, 0, 0, 'Deleted', {3}, {3}, true, {4}, {4}, '', '')
            ON CONFLICT (job_id) DO UPDATE SET version = EXCLUDED.version, deleted = true, status = 'Deleted'
            WHERE {{table}}.version < EXCLUDED.version
            """, deleted.JobId, deleted.Version, Guid.Empty, at, NoTerms), cancellationToken);
    }

    private static async Task<bool> RebuildingAsync(SearchDbContext db, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT to_regclass({RebuildTable}) IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken);
}
