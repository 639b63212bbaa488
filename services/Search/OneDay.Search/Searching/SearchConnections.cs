using System.Globalization;
using Npgsql;

namespace OneDay.Search.Searching;

/// <summary>
/// The connections searches run on: a pool of their own whose sessions start with the settings a search
/// wants, so a search is one statement in one round trip — no transaction to scope settings to, no
/// settings statement, no COMMIT — and nothing else on the database (indexing, suggestions) sees them.
/// The typo threshold is one pg_trgm's operators read. Plans are generic: planning the search costs several
/// times what running it on a radius's few hundred jobs does, and its shape already fixes which indexes
/// serve it, so re-planning with each request's values would buy nothing.
/// </summary>
public sealed class SearchConnections(IConfiguration configuration) : IAsyncDisposable
{
    public const double TypoSimilarity = 0.5;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
        configuration.GetConnectionString("search") ?? throw new InvalidOperationException("ConnectionStrings:search is missing: it comes from the Dapr secret store"))
    {
        Options = string.Create(CultureInfo.InvariantCulture, $"-c plan_cache_mode=force_generic_plan -c pg_trgm.word_similarity_threshold={TypoSimilarity}"),
    });

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
