using Microsoft.EntityFrameworkCore;
using OneDay.Search.Data;
using OneDay.Search.Text;

namespace OneDay.Search.Suggestions;

/// <summary>The completions people are offered: job titles as they are posted, and queries that found jobs.</summary>
public static class SuggestionBook
{
    public const int MaxLength = 100;

    /// <summary>Adds <paramref name="times"/> to a completion's weight, creating it when new.</summary>
    public static Task<int> CountAsync(SearchDbContext db, string text, long times, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var normalized = KoreanText.Normalize(text);
        if (normalized.Length is 0 or > MaxLength) return Task.FromResult(0);
        var jamo = KoreanText.Jamo(normalized);
        var keys = KoreanText.WordStartKeys(normalized).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            WITH counted AS (
                INSERT INTO suggestions (text, jamo, weight, updated_at) VALUES ({normalized}, {jamo}, {times}, {at.ToUniversalTime()})
                ON CONFLICT (text) DO UPDATE SET weight = suggestions.weight + EXCLUDED.weight, updated_at = EXCLUDED.updated_at
                RETURNING text)
            INSERT INTO suggestion_keys (key, text) SELECT key, counted.text FROM counted, unnest({keys}) AS key
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }
}
