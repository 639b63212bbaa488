using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OneDay.Search.Searching;

/// <summary>
/// The connections searches run on: a pool of their own whose sessions start with the settings a search
/// wants, so a search is one statement in one round trip — no transaction to scope settings to, no
/// settings statement, no COMMIT — and nothing else on the database (indexing, suggestions) sees them.
/// The typo threshold is one pg_trgm's operators read. Plans are generic: planning the search costs several
/// times what running it on a radius's few hundred jobs does, and its shape already fixes which indexes
/// serve it, so re-planning with each request's values would buy nothing.
/// The pool is small (Search:MaxConnections, by default twice the cores): a search is a burst of CPU, and
/// with more of them running than there are cores they preempt one another and every one finishes late;
/// beyond the pool they wait their turn for a connection instead (measured: p95 at 8 clients on two cores
/// 18 ms with a pool of 100, 8 ms with 4, and more searches a second).
/// </summary>
public sealed class SearchConnections(IConfiguration configuration, IOptions<SearchOptions> options) : IAsyncDisposable
{
    public const double TypoSimilarity = 0.5;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(
        configuration.GetConnectionString("search") ?? throw new InvalidOperationException("ConnectionStrings:search is missing: it comes from the Dapr secret store"))
    {
        Options = string.Create(CultureInfo.InvariantCulture, $"-c plan_cache_mode=force_generic_plan -c pg_trgm.word_similarity_threshold={TypoSimilarity}"),
        MaxPoolSize = options.Value.MaxConnections ?? 2 * Environment.ProcessorCount,
    });

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
