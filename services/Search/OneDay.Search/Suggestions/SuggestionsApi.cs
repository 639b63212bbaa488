using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Search.Data;
using OneDay.Search.Text;

namespace OneDay.Search.Suggestions;

public sealed record SuggestionsResponse(IReadOnlyList<string> Suggestions);

public static class SuggestionsApi
{
    public const int MaxSuggestions = 10;

    public static void MapSuggestions(this RouteGroupBuilder search) =>
        search.MapGet("/suggestions", SuggestAsync).AllowAnonymous().WithName("ListSearchSuggestions");

    /// <summary>
    /// Completions by prefix (물 → 물류 상하차), by 초성 (ㅅㅎㅊ → 상하차) and, when those leave room, by
    /// spelling (카폐 → 카페); the most used first. Each is one index lookup.
    /// </summary>
    private static async Task<Results<Ok<SuggestionsResponse>, ValidationProblem>> SuggestAsync(string? q, SearchDbContext db, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > SuggestionBook.MaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"q는 1자 이상 {SuggestionBook.MaxLength}자 이하여야 합니다."] });
        }
        var normalized = KoreanText.Normalize(q);
        var chosung = KoreanText.IsChosungQuery(normalized);
        var prefix = LikePattern.Literal(chosung ? KoreanText.CompactChosung(normalized) : normalized) + "%";
        var found = await db.Database.SqlQuery<string>($"""
            SELECT s.text AS "Value" FROM suggestions s
            WHERE s.text IN (SELECT k.text FROM suggestion_keys k WHERE k.key LIKE {prefix})
            ORDER BY s.weight DESC, s.text LIMIT {MaxSuggestions}
            """).ToListAsync(cancellationToken);
        // Spelling neighbours fill what prefixes leave, for spelled queries (initial consonants have no spelling).
        if (found.Count < MaxSuggestions && !chosung)
        {
            var jamo = KoreanText.Jamo(normalized);
            var similar = await db.Database.SqlQuery<string>($"""
                SELECT s.text AS "Value" FROM suggestions s WHERE {jamo} <% s.jamo
                ORDER BY word_similarity({jamo}, s.jamo) DESC, s.weight DESC, s.text LIMIT {MaxSuggestions}
                """).ToListAsync(cancellationToken);
            found.AddRange(similar.Except(found, StringComparer.Ordinal).Take(MaxSuggestions - found.Count));
        }
        return TypedResults.Ok(new SuggestionsResponse(found));
    }
}
