using System.Globalization;
using System.Text;

namespace OneDay.Search.Text;

/// <summary>
/// How Korean text is cut into index terms, in the spirit of Elasticsearch's CJK bigram analysis: a run
/// of Hangul (or other CJK) characters yields its overlapping two-character grams — 상하차 → 상하, 하차 —
/// plus each single character, so one- and two-syllable queries (집, 물류, 서빙) are index lookups. Latin
/// words and numbers are kept whole, lower-cased. Queries and documents go through the same code.
/// </summary>
public static class KoreanText
{
    private static readonly char[] Initials =
        ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

    /// <summary>NFC, lower case, single spaces: the form queries and documents are compared in.</summary>
    public static string Normalize(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var builder = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Index terms: CJK bigrams and unigrams, whole Latin/number words.</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var normalized = Normalize(text);
        var word = new StringBuilder();
        var cjk = new StringBuilder();
        foreach (var c in normalized + " ")
        {
            if (IsCjk(c))
            {
                Flush(word, terms);
                cjk.Append(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                FlushCjk(cjk, terms);
                word.Append(c);
            }
            else
            {
                Flush(word, terms);
                FlushCjk(cjk, terms);
            }
        }
        return [.. terms];
    }

    /// <summary>
    /// The words of a text as a person reads them: runs of Hangul (or other CJK) and runs of Latin letters
    /// and digits, normalised (강남 카페-서빙 → 강남, 카페, 서빙). Typo tolerance compares words, not bigrams:
    /// one wrong letter in a two-syllable bigram leaves too little in common to recognise it.
    /// </summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var cjk = false;
        foreach (var c in Normalize(text) + " ")
        {
            var letter = char.IsLetterOrDigit(c) || IsCjk(c);
            if (word.Length > 0 && (!letter || IsCjk(c) != cjk))
            {
                if (!words.Contains(word.ToString())) words.Add(word.ToString());
                word.Clear();
            }
            if (!letter) continue;
            cjk = IsCjk(c);
            word.Append(c);
        }
        return words;
    }

    /// <summary>The terms a query must match: bigrams where the query has them, else its single characters.</summary>
    public static IReadOnlyList<string> QueryTerms(string query)
    {
        var terms = Terms(query);
        var bigrams = terms.Where(t => t.Length == 2 && IsCjk(t[0]) && IsCjk(t[1])).ToList();
        var words = terms.Where(t => !IsCjk(t[0])).ToList();
        // A two-or-more syllable run is fully described by its bigrams; single syllables only stand alone.
        var singles = terms.Where(t => t.Length == 1 && IsCjk(t[0]) && !bigrams.Any(b => b.Contains(t[0], StringComparison.Ordinal))).ToList();
        return [.. bigrams, .. words, .. singles];
    }

    /// <summary>The initial consonants (초성) of Hangul syllables: 상하차 → ㅅㅎㅊ; other characters dropped.</summary>
    public static string Chosung(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in Normalize(text))
        {
            if (c is >= '가' and <= '힣') builder.Append(Initials[(c - '가') / 588]);
            else if (IsInitial(c)) builder.Append(c);
        }
        return builder.ToString();
    }

    private static readonly char[] Medials =
        ['ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ'];

    private static readonly string[] Finals =
        ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];

    /// <summary>
    /// Hangul spelled out in letters (카페 → ㅋㅏㅍㅔ). Trigrams of syllables are too coarse for typo
    /// tolerance (카폐 and 카페 share one of three); of letters they share most, so pg_trgm finds the typo.
    /// </summary>
    public static string Jamo(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in Normalize(text))
        {
            if (c is >= '가' and <= '힣')
            {
                var index = c - '가';
                builder.Append(Initials[index / 588]).Append(Medials[index % 588 / 28]).Append(Finals[index % 28]);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// What a prefix search may start from: the text from each word on (강남 카페 서빙 → 카페 서빙, 서빙) and
    /// the same as initial consonants without spaces (ㄱㄴㅋㅍㅅㅂ, ㅋㅍㅅㅂ, ㅅㅂ).
    /// </summary>
    public static IEnumerable<string> WordStartKeys(string text)
    {
        var normalized = Normalize(text);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < normalized.Length; i++)
        {
            if (i > 0 && normalized[i - 1] != ' ') continue;
            var rest = normalized[i..];
            keys.Add(rest);
            if (Chosung(rest) is { Length: > 0 } chosung) keys.Add(chosung);
        }
        return keys;
    }

    /// <summary>The initial consonants a 초성 query asks for, spaces removed (ㄱㄴ ㅋㅍ → ㄱㄴㅋㅍ).</summary>
    public static string CompactChosung(string query) => Normalize(query).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>True when the text is only initial consonants (ㅅㅎㅊ): a 초성 query.</summary>
    public static bool IsChosungQuery(string text)
    {
        var compact = Normalize(text).Replace(" ", "", StringComparison.Ordinal);
        return compact.Length > 0 && compact.All(IsInitial);
    }

    private static bool IsInitial(char c) => Array.IndexOf(Initials, c) >= 0;

    private static bool IsCjk(char c) =>
        c is >= '가' and <= '힣' or >= '\u3130' and <= '\u318F' or >= '\u4E00' and <= '\u9FFF' or >= '\u3040' and <= '\u30FF';

    private static void Flush(StringBuilder word, HashSet<string> terms)
    {
        if (word.Length > 0) terms.Add(word.ToString());
        word.Clear();
    }

    private static void FlushCjk(StringBuilder run, HashSet<string> terms)
    {
        for (var i = 0; i < run.Length; i++)
        {
            terms.Add(run[i].ToString(CultureInfo.InvariantCulture));
            if (i + 1 < run.Length) terms.Add(run.ToString(i, 2));
        }
        run.Clear();
    }
}
