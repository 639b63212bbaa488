using Microsoft.EntityFrameworkCore;
using OneDay.Search.Clients;
using OneDay.Search.Data;
using OneDay.Search.Indexing;

namespace OneDay.Search.Reindexing;

/// <summary>
/// Rebuilds the read model from the jobs service without stopping readers: the snapshots are copied
/// into a new table while searches keep using the current one and job events keep being applied to both
/// (the version check lets the newer of snapshot and event win); then the two swap names in one short
/// transaction. One rebuild at a time per instance; the table name itself is the cluster-wide marker.
/// </summary>
public sealed class Reindexer(IServiceScopeFactory scopes, TimeProvider time, ILogger<Reindexer> logger)
{
    private readonly Lock _gate = new();
    private ReindexStatus _status = new(ReindexState.Idle, 0, null, null, null);

    public ReindexStatus Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Starts a rebuild unless one is running; returns the status either way.</summary>
    public ReindexStatus Start()
    {
        lock (_gate)
        {
            if (_status.State == ReindexState.Running) return _status;
            _status = new ReindexStatus(ReindexState.Running, 0, time.GetUtcNow(), null, null);
        }
        _ = Task.Run(RunAsync);
        return Status;
    }

    private async Task RunAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SearchDbContext>();
            var jobs = scope.ServiceProvider.GetRequiredService<JobsSnapshots>();
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS {JobIndexing.RebuildTable}; CREATE TABLE {JobIndexing.RebuildTable} (LIKE job_documents INCLUDING ALL)");
            Guid? after = null;
            do
            {
                var page = await jobs.PageAsync(after, CancellationToken.None);
                foreach (var job in page.Items) await JobIndexing.IndexIntoAsync(db, JobIndexing.RebuildTable, job, CancellationToken.None);
                lock (_gate) _status = _status with { JobsCopied = _status.JobsCopied + page.Items.Count };
                after = page.Next;
            }
            while (after is not null);
            await LayOutByPlaceAsync(db);
            await SwapAsync(db);
            lock (_gate) _status = _status with { State = ReindexState.Completed, FinishedAt = time.GetUtcNow() };
        }
        catch (Exception ex) when (ex is HttpRequestException or Npgsql.NpgsqlException or InvalidOperationException or System.Text.Json.JsonException)
        {
            logger.LogError(ex, "reindex failed");
            lock (_gate) _status = _status with { State = ReindexState.Failed, FinishedAt = time.GetUtcNow(), Error = ex.Message };
        }
    }

    /// <summary>
    /// Rewrites the new table in the order of its location index, so the jobs of one area share pages and a
    /// radius search reads a fraction of the pages it would otherwise. Events arriving meanwhile wait for
    /// the rewrite (seconds); readers are on the old table until the swap.
    /// </summary>
    private static async Task LayOutByPlaceAsync(SearchDbContext db)
    {
        var location = await db.Database.SqlQuery<string>(
            $"SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'job_documents_rebuild' AND indexdef LIKE '%USING gist (location)%'").SingleAsync();
        // The index name comes from the catalog, quoted as an identifier: not input.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"CLUSTER {JobIndexing.RebuildTable} USING {Quote(location)}; ANALYZE {JobIndexing.RebuildTable}");
#pragma warning restore EF1002
    }

    /// <summary>Swaps the tables and gives the new table's indexes their usual names.</summary>
    private static async Task SwapAsync(SearchDbContext db)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var indexes = await db.Database.SqlQuery<string>($"SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'job_documents'").ToListAsync();
        // The copies' indexes have generated names; each takes the name of the original it mirrors. The columns are
        // named as the snake_case convention maps IndexPair's properties.
        var rebuilt = await db.Database.SqlQuery<IndexPair>(
            $"""
            SELECT o.indexname AS old, n.indexname AS new FROM pg_indexes o JOIN pg_indexes n
              ON split_part(n.indexdef, ' USING ', 2) = split_part(o.indexdef, ' USING ', 2)
            WHERE o.tablename = 'job_documents' AND n.tablename = 'job_documents_rebuild'
            """).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE job_documents IN ACCESS EXCLUSIVE MODE; ALTER TABLE job_documents RENAME TO job_documents_retired");
        // Index names come from the catalog, quoted as identifiers: not input.
#pragma warning disable EF1002
        foreach (var name in indexes) await db.Database.ExecuteSqlRawAsync($"ALTER INDEX {Quote(name)} RENAME TO {Quote(name + "_retired")}");
        await db.Database.ExecuteSqlRawAsync($"ALTER TABLE {JobIndexing.RebuildTable} RENAME TO job_documents");
        foreach (var pair in rebuilt) await db.Database.ExecuteSqlRawAsync($"ALTER INDEX {Quote(pair.New)} RENAME TO {Quote(pair.Old)}");
#pragma warning restore EF1002
        await db.Database.ExecuteSqlRawAsync("DROP TABLE job_documents_retired");
        await transaction.CommitAsync();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record IndexPair(string Old, string New);
}
