using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
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
/// The search itself: one statement per request that finds the matches once and answers page, total and
/// facets from them. A keyword matches when the job holds every bigram of each query word (GIN on terms)
/// or, for a misspelled word, a title word spelled closely enough (trigram GIN on the few known words,
/// then GIN on title words); relevance puts an exact title phrase first, then all bigrams in the title,
/// then in the description, then closeness of spelling.
/// </summary>
public sealed class JobSearch(SearchConnections connections)
{
    /// <summary>
    /// Counting stops here: the total and the facets are counted over at most this many matches, estimates
    /// beyond it as a search engine's are. Up to it the page is cut from the same matches; beyond it the
    /// page is ranked over all of them by a second, fuller scan.
    /// </summary>
    public const int CountCap = 10_000;

    public async Task<JobSearchResult> RunAsync(JobSearchRequest request, CancellationToken cancellationToken)
    {
        var query = Query.From(request);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Prepared once per pooled connection and shape: Npgsql keeps it across uses.
        await using var command = query.Command(SearchSql(query, request), connection);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(JobHit Hit, decimal Key)>();
        long total = 0;
        var categories = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var first = true;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    total = reader.GetInt64(0);
                    var names = reader.GetFieldValue<string[]>(1);
                    var counts = reader.GetFieldValue<long[]>(2);
                    for (var i = 0; i < names.Length; i++) categories[names[i]] = counts[i];
                }
                if (!reader.IsDBNull(3)) rows.Add(ReadHit(reader, query));
            }
        }

        var page = rows.Take(request.PageSize).ToList();
        var next = rows.Count > request.PageSize ? new SearchCursor(query.Sort, page[^1].Key, page[^1].Hit.JobId).Encode() : null;
        return new JobSearchResult(page.Select(p => p.Hit).ToList(), total, categories, next);
    }

    /// <summary>The statement for a request, as run (tests EXPLAIN it to prove the indexes serve it).</summary>
    internal static NpgsqlCommand SearchCommand(JobSearchRequest request, NpgsqlConnection connection)
    {
        var query = Query.From(request);
        return query.Command(SearchSql(query, request), connection);
    }

    /// <summary>
    /// Matches (at most <see cref="CountCap"/>, without the category so that facets can count the other
    /// categories too) with their sort keys; from them the total, the facets and, when they are all there,
    /// the page; the page comes from the fuller scan only when the cap cut them short. One row per hit, each
    /// carrying total and facets, or a single row without a hit when the page is empty.
    /// </summary>
    private static string SearchSql(Query query, JobSearchRequest request)
    {
        var direction = query.Sort == SearchSort.Distance ? "ASC" : "DESC";
        var after = query.Cursor is null ? "" : $"AND (x.sort_key {(direction == "ASC" ? ">" : "<")} @cursor_key OR (x.sort_key = @cursor_key AND x.job_id > @cursor_id))";
        var category = query.HasCategory ? "AND x.category = @category" : "";
        return $"""
            WITH matches AS MATERIALIZED (
                SELECT d.job_id, d.category, {query.SortKeyExpression} AS sort_key
                FROM {query.Source} d
                WHERE {query.Where()}
                LIMIT {CountCap}
            ),
            summary AS (
                SELECT (SELECT count(*) FROM matches x WHERE true {category}) AS total,
                       coalesce(array_agg(f.category ORDER BY f.n DESC, f.category), ARRAY[]::text[]) AS facet_names,
                       coalesce(array_agg(f.n ORDER BY f.n DESC, f.category), ARRAY[]::bigint[]) AS facet_counts,
                       (SELECT count(*) FROM matches) = {CountCap} AS cut_short
                FROM (SELECT x.category, count(*) AS n FROM matches x GROUP BY x.category) f
            ),
            picked AS (
                (SELECT x.job_id, x.sort_key FROM matches x
                 WHERE NOT (SELECT cut_short FROM summary) {category} {after}
                 ORDER BY x.sort_key {direction}, x.job_id LIMIT {request.PageSize + 1})
                UNION ALL
                (SELECT x.job_id, x.sort_key FROM (
                     SELECT d.job_id, d.category, {query.SortKeyExpression} AS sort_key FROM {query.Source} d WHERE {query.Where()}) x
                 WHERE (SELECT cut_short FROM summary) {category} {after}
                 ORDER BY x.sort_key {direction}, x.job_id LIMIT {request.PageSize + 1})
            )
            SELECT s.total, s.facet_names, s.facet_counts,
                   d.job_id, d.title, d.category, d.wage_krw, d.address, d.wage_unit,
                   ST_Y(d.location::geometry) AS lat, ST_X(d.location::geometry) AS lng,
                   d.starts_at, d.ends_at, d.posted_at,
                   {query.DistanceExpression} AS distance_m, p.sort_key
            FROM summary s
            LEFT JOIN (picked p JOIN job_documents d ON d.job_id = p.job_id) ON true
            ORDER BY p.sort_key {direction}, p.job_id
            """;
    }

    private static (JobHit, decimal) ReadHit(NpgsqlDataReader reader, Query query)
    {
        var title = reader.GetString(4);
        var distance = reader.IsDBNull(14) ? (double?)null : Math.Round(reader.GetDouble(14) / 1000, 2);
        return (new JobHit(
            reader.GetGuid(3), title, Highlighter.Highlight(title, query.Terms), reader.GetString(5), reader.GetInt64(6), reader.GetString(8),
            reader.GetString(7), reader.GetDouble(9), reader.GetDouble(10), reader.GetFieldValue<DateTimeOffset>(11), reader.GetFieldValue<DateTimeOffset>(12),
            reader.GetFieldValue<DateTimeOffset>(13), distance), reader.GetDecimal(15));
    }

    /// <summary>A request turned into SQL fragments and their parameters.</summary>
    private sealed record Query(JobSearchRequest Request, IReadOnlyList<string> Terms, IReadOnlyList<string> Words, string? Phrase, SearchSort Sort, SearchCursor? Cursor)
    {
        public static Query From(JobSearchRequest request)
        {
            var q = string.IsNullOrWhiteSpace(request.Q) ? null : KoreanText.Normalize(request.Q);
            var terms = q is null ? [] : KoreanText.QueryTerms(q);
            var words = q is null ? [] : KoreanText.Words(q).Where(w => KoreanText.QueryTerms(w).Count > 0).ToList();
            return new Query(request, terms, words, terms.Count > 0 ? q : null, request.EffectiveSort,
                request.Cursor is null ? null : SearchCursor.TryParse(request.Cursor, request.EffectiveSort));
        }

        private bool HasKeyword => Phrase is not null;

        private bool HasRadius => Request.HasPoint && Request.RadiusKm is not null;

        public bool HasCategory => !string.IsNullOrWhiteSpace(Request.Category);

        private const string Point = "ST_SetSRID(ST_MakePoint(@lng, @lat), 4326)::geography";

        /// <summary>
        /// Distances on the sphere, not the spheroid: a third of the cost per row, and within 0.5% of the
        /// spheroid's, less than the size of the places jobs are at.
        /// </summary>
        public string DistanceExpression => Request.HasPoint ? $"ST_Distance(d.location, {Point}, false)" : "NULL::float8";

        /// <summary>
        /// Where a radius is given, the jobs within it (GiST), the other conditions checked on them. The
        /// planner would rather intersect that with the keyword's GIN scan, which for a common word reads
        /// tens of thousands of entries to drop all but a few hundred; a radius of at most 50 km holds few
        /// enough jobs to check directly. OFFSET 0 keeps the keyword conditions out of this subquery, which
        /// carries only the columns the conditions and sort keys read (the description stays behind).
        /// </summary>
        public string Source => HasRadius
            ? $"""
                (SELECT d.job_id, d.category, d.location, d.deleted, d.status, d.terms, d.title_terms, d.title_text, d.title_jamo,
                        d.title_words, d.wage_krw, d.wage_unit, d.starts_at, d.posted_at
                 FROM job_documents d WHERE ST_DWithin(d.location, {Point}, @radius_m, false) OFFSET 0)
                """
            : "job_documents";

        public string SortKeyExpression => Sort switch
        {
            // Closeness of spelling only orders what the bigrams do not: a title holding every bigram of the
            // query spells it as closely as a title can (and trigram extraction is the costliest part of a row).
            SearchSort.Relevance => """
                round((CASE WHEN d.title_text LIKE @phrase_like ESCAPE '\' THEN 4 ELSE 0 END
                     + CASE WHEN d.title_terms @> @terms THEN 3 ELSE word_similarity(@jamo, d.title_jamo) END
                     + CASE WHEN d.terms @> @terms THEN 1 ELSE 0 END)::numeric, 6)
                """,
            SearchSort.Distance => $"round(({DistanceExpression})::numeric, 2)",
            SearchSort.Wage => "d.wage_krw::numeric",
            _ => "round((extract(epoch from d.posted_at) * 1000)::numeric, 0)",
        };

        /// <summary>
        /// Every condition but the category (facets count across categories). Each query word matches by its
        /// bigrams or, misspelled, through the known title words within typo distance of it; words that
        /// contain it are left out, its bigrams already find them.
        /// </summary>
        public string Where()
        {
            var conditions = new List<string> { "NOT d.deleted", "d.status = 'Open'" };
            if (Request.HasKeyword && !HasKeyword) conditions.Add("FALSE");
            for (var i = 0; i < Words.Count; i++)
            {
                conditions.Add($"""
                    (d.terms @> @terms_{i} OR d.title_words && ARRAY(
                        SELECT k.word FROM known_words k WHERE @jamo_{i} <% k.jamo AND strpos(k.word, @word_{i}) = 0)::text[])
                    """);
            }
            if (Request.MinWage is not null) conditions.Add("d.wage_krw >= @min_wage");
            if (Request.WageUnit is not null) conditions.Add("d.wage_unit = @wage_unit");
            if (Request.DateFrom is not null) conditions.Add("d.starts_at >= @date_from");
            if (Request.DateTo is not null) conditions.Add("d.starts_at < @date_to");
            return string.Join(" AND ", conditions);
        }

        public NpgsqlCommand Command(string sql, NpgsqlConnection connection)
        {
            var command = new NpgsqlCommand(sql, connection);
            foreach (var parameter in Parameters()) command.Parameters.Add(parameter);
            return command;
        }

        public IEnumerable<NpgsqlParameter> Parameters()
        {
            if (HasKeyword)
            {
                yield return new NpgsqlParameter("terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Terms.ToArray() };
                yield return new NpgsqlParameter("jamo", KoreanText.Jamo(Phrase!));
                yield return new NpgsqlParameter("phrase_like", "%" + LikePattern.Literal(Phrase!) + "%");
            }
            for (var i = 0; i < Words.Count; i++)
            {
                yield return new NpgsqlParameter($"terms_{i}", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = KoreanText.QueryTerms(Words[i]).ToArray() };
                yield return new NpgsqlParameter($"word_{i}", Words[i]);
                yield return new NpgsqlParameter($"jamo_{i}", KoreanText.Jamo(Words[i]));
            }
            if (Request.HasPoint)
            {
                yield return new NpgsqlParameter("lat", Request.Lat!.Value);
                yield return new NpgsqlParameter("lng", Request.Lng!.Value);
                yield return new NpgsqlParameter("radius_m", (Request.RadiusKm ?? 0) * 1000);
            }
            if (HasCategory) yield return new NpgsqlParameter("category", Request.Category);
            if (Request.MinWage is not null) yield return new NpgsqlParameter("min_wage", Request.MinWage.Value);
            if (Request.WageUnit is not null) yield return new NpgsqlParameter("wage_unit", Request.WageUnit);
            if (Request.DateFrom is not null) yield return new NpgsqlParameter("date_from", Request.DateFrom.Value.ToUniversalTime());
            if (Request.DateTo is not null) yield return new NpgsqlParameter("date_to", Request.DateTo.Value.ToUniversalTime());
            if (Cursor is not null)
            {
                yield return new NpgsqlParameter("cursor_key", Cursor.Key);
                yield return new NpgsqlParameter("cursor_id", Cursor.JobId);
            }
        }
    }
}
