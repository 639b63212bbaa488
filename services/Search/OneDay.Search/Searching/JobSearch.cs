using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using OneDay.Search.Data;
using OneDay.Search.Text;

namespace OneDay.Search.Searching;

public sealed record JobHit(
    Guid JobId,
    string Title,
    string TitleHighlighted,
    string Category,
    long WageKrw,
    string WageUnit,
    string Address,
    double Latitude,
    double Longitude,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset PostedAt,
    double? DistanceKm);

public sealed record JobSearchResult(IReadOnlyList<JobHit> Items, long TotalEstimate, IReadOnlyDictionary<string, long> Categories, string? NextCursor);

/// <summary>
/// The search itself, one SQL statement per part (page, total, facets) over the read model of open jobs.
/// A keyword matches when the job holds every query bigram (GIN on terms) or, for typos, when the title's
/// letters are similar enough (trigram GIN on the title's jamo); relevance puts an exact title phrase
/// first, then all bigrams in the title, then in the description, then closeness of spelling.
/// </summary>
public sealed class JobSearch(SearchDbContext db)
{
    /// <summary>Counting stops here: the total is an estimate beyond it, as a search engine's is.</summary>
    public const int CountCap = 10_000;

    private const double TypoSimilarity = 0.5;

    public async Task<JobSearchResult> RunAsync(JobSearchRequest request, CancellationToken cancellationToken)
    {
        var query = Query.From(request);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var threshold = new NpgsqlCommand($"SET LOCAL pg_trgm.word_similarity_threshold = {TypoSimilarity.ToString(CultureInfo.InvariantCulture)}", connection, transaction))
            {
                await threshold.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var items = await ReadPageAsync(connection, transaction, query, request, cancellationToken).ConfigureAwait(false);
            var total = await ScalarAsync(connection, transaction, query, $"SELECT count(*) FROM (SELECT 1 FROM job_documents d WHERE {query.Where(withCategory: true)} LIMIT {CountCap}) c", cancellationToken).ConfigureAwait(false);
            var categories = await FacetsAsync(connection, transaction, query, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            var page = items.Take(request.PageSize).ToList();
            var next = items.Count > request.PageSize ? new SearchCursor(query.Sort, page[^1].Key, page[^1].Hit.JobId).Encode() : null;
            return new JobSearchResult(page.Select(p => p.Hit).ToList(), total, categories, next);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The page query for a request, as run (tests EXPLAIN it to prove the indexes serve it).</summary>
    internal static NpgsqlCommand PageCommand(JobSearchRequest request, NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        PageCommand(Query.From(request), request, connection, transaction);

    private static NpgsqlCommand PageCommand(Query query, JobSearchRequest request, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var direction = query.Sort == SearchSort.Distance ? "ASC" : "DESC";
        var after = query.Cursor is null ? "" : $"WHERE (x.sort_key {(direction == "ASC" ? ">" : "<")} @cursor_key OR (x.sort_key = @cursor_key AND x.job_id > @cursor_id))";
        var sql = $"""
            SELECT * FROM (
                SELECT d.job_id, d.title, d.category, d.wage_krw, d.address, d.wage_unit,
                       ST_Y(d.location::geometry) AS lat, ST_X(d.location::geometry) AS lng,
                       d.starts_at, d.ends_at, d.posted_at,
                       {query.DistanceExpression} AS distance_m,
                       {query.SortKeyExpression} AS sort_key
                FROM job_documents d
                WHERE {query.Where(withCategory: true)}
            ) x
            {after}
            ORDER BY x.sort_key {direction}, x.job_id
            LIMIT {request.PageSize + 1}
            """;
        return query.Command(sql, connection, transaction);
    }

    private static async Task<List<(JobHit Hit, decimal Key)>> ReadPageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Query query, JobSearchRequest request, CancellationToken cancellationToken)
    {
        await using var command = PageCommand(query, request, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hits = new List<(JobHit, decimal)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var title = reader.GetString(1);
            var distance = reader.IsDBNull(11) ? (double?)null : Math.Round(reader.GetDouble(11) / 1000, 2);
            hits.Add((new JobHit(
                reader.GetGuid(0), title, Highlighter.Highlight(title, query.Terms), reader.GetString(2), reader.GetInt64(3), reader.GetString(5),
                reader.GetString(4), reader.GetDouble(6), reader.GetDouble(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10), distance), reader.GetDecimal(12)));
        }
        return hits;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Query query, string sql, CancellationToken cancellationToken)
    {
        await using var command = query.Command(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyDictionary<string, long>> FacetsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Query query, CancellationToken cancellationToken)
    {
        await using var command = query.Command(
            $"SELECT d.category, count(*) FROM job_documents d WHERE {query.Where(withCategory: false)} GROUP BY d.category ORDER BY count(*) DESC, d.category",
            connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var facets = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) facets[reader.GetString(0)] = reader.GetInt64(1);
        return facets;
    }

    /// <summary>A request turned into SQL fragments and their parameters.</summary>
    private sealed record Query(JobSearchRequest Request, IReadOnlyList<string> Terms, string? Phrase, string? Jamo, SearchSort Sort, SearchCursor? Cursor)
    {
        public static Query From(JobSearchRequest request)
        {
            var q = string.IsNullOrWhiteSpace(request.Q) ? null : KoreanText.Normalize(request.Q);
            var terms = q is null ? [] : KoreanText.QueryTerms(q);
            var keyword = terms.Count > 0;
            return new Query(request, terms, keyword ? q : null, keyword ? KoreanText.Jamo(q!) : null, request.EffectiveSort,
                request.Cursor is null ? null : SearchCursor.TryParse(request.Cursor, request.EffectiveSort));
        }

        private bool HasKeyword => Phrase is not null;

        public string DistanceExpression => Request.HasPoint ? "ST_Distance(d.location, ST_SetSRID(ST_MakePoint(@lng, @lat), 4326)::geography)" : "NULL::float8";

        public string SortKeyExpression => Sort switch
        {
            SearchSort.Relevance => """
                round((CASE WHEN d.title_text LIKE @phrase_like ESCAPE '\' THEN 4 ELSE 0 END
                     + CASE WHEN d.title_terms @> @terms THEN 2 ELSE 0 END
                     + CASE WHEN d.terms @> @terms THEN 1 ELSE 0 END
                     + word_similarity(@jamo, d.title_jamo))::numeric, 6)
                """,
            SearchSort.Distance => $"round(({DistanceExpression})::numeric, 2)",
            SearchSort.Wage => "d.wage_krw::numeric",
            _ => "round((extract(epoch from d.posted_at) * 1000)::numeric, 0)",
        };

        public string Where(bool withCategory)
        {
            var conditions = new List<string> { "NOT d.deleted", "d.status = 'Open'" };
            if (HasKeyword) conditions.Add("(d.terms @> @terms OR @jamo <% d.title_jamo)");
            if (Request.HasPoint && Request.RadiusKm is not null) conditions.Add("ST_DWithin(d.location, ST_SetSRID(ST_MakePoint(@lng, @lat), 4326)::geography, @radius_m)");
            if (withCategory && !string.IsNullOrWhiteSpace(Request.Category)) conditions.Add("d.category = @category");
            if (Request.MinWage is not null) conditions.Add("d.wage_krw >= @min_wage");
            if (Request.WageUnit is not null) conditions.Add("d.wage_unit = @wage_unit");
            if (Request.DateFrom is not null) conditions.Add("d.starts_at >= @date_from");
            if (Request.DateTo is not null) conditions.Add("d.starts_at < @date_to");
            return string.Join(" AND ", conditions);
        }

        public NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            if (HasKeyword)
            {
                command.Parameters.Add(new NpgsqlParameter("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Terms.ToArray() });
                command.Parameters.AddWithValue("jamo", Jamo!);
                command.Parameters.AddWithValue("phrase_like", "%" + EscapeLike(Phrase!) + "%");
            }
            if (Request.HasPoint)
            {
                command.Parameters.AddWithValue("lat", Request.Lat!.Value);
                command.Parameters.AddWithValue("lng", Request.Lng!.Value);
                command.Parameters.AddWithValue("radius_m", (Request.RadiusKm ?? 0) * 1000);
            }
            if (!string.IsNullOrWhiteSpace(Request.Category)) command.Parameters.AddWithValue("category", Request.Category);
            if (Request.MinWage is not null) command.Parameters.AddWithValue("min_wage", Request.MinWage.Value);
            if (Request.WageUnit is not null) command.Parameters.AddWithValue("wage_unit", Request.WageUnit);
            if (Request.DateFrom is not null) command.Parameters.AddWithValue("date_from", Request.DateFrom.Value.ToUniversalTime());
            if (Request.DateTo is not null) command.Parameters.AddWithValue("date_to", Request.DateTo.Value.ToUniversalTime());
            if (Cursor is not null)
            {
                command.Parameters.AddWithValue("cursor_key", Cursor.Key);
                command.Parameters.AddWithValue("cursor_id", Cursor.JobId);
            }
            return command;
        }

        private static string EscapeLike(string text)
        {
            var escaped = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c is '%' or '_' or '\\') escaped.Append('\\');
                escaped.Append(c);
            }
            return escaped.ToString();
        }
    }
}
