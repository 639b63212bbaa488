using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OneDay.Search.Searching;

/// <summary>
/// Where the next page starts: the last item's sort key and id (keyset paging, so pages never skip or
/// repeat while jobs are added). Opaque to clients; bound to the sort it was made for.
/// </summary>
public sealed record SearchCursor(SearchSort Sort, decimal Key, Guid JobId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Sort}|{Key}|{JobId}")));

    public static SearchCursor? TryParse(string text, SearchSort sort)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            return parts.Length == 3 &&
                   Enum.TryParse<SearchSort>(parts[0], out var cursorSort) && cursorSort == sort &&
                   decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var key) &&
                   Guid.TryParse(parts[2], out var id)
                ? new SearchCursor(sort, key, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
