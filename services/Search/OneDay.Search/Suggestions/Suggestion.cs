namespace OneDay.Search.Suggestions;

/// <summary>A completion offered while typing: a job title or a query people made, with how popular it is.</summary>
public sealed class Suggestion
{
    public required string Text { get; init; }
    public required string Jamo { get; init; }
    public long Weight { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A way to reach a suggestion by typing its start: every word-start of its text (카페 서빙 → 서빙) and of
/// its initial consonants (ㅋㅍㅅㅂ, ㅅㅂ), so a prefix anywhere in a title is one index range scan.
/// </summary>
public sealed class SuggestionKey
{
    public required string Key { get; init; }
    public required string Text { get; init; }
}
