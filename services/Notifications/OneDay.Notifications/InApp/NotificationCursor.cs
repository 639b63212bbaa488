using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OneDay.Notifications.InApp;

/// <summary>
/// Where a page of the newest-first list ends: the last entry's creation time and id (the id breaks ties
/// between notifications created in the same microsecond). Opaque to clients.
/// </summary>
public sealed record NotificationCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id:N}")));

    public static bool TryDecode(string text, out NotificationCursor? cursor)
    {
        cursor = null;
        if (text.Length > 100) return false;
        Span<byte> buffer = stackalloc byte[100];
        if (Base64Url.DecodeFromChars(text, buffer, out _, out var written) != System.Buffers.OperationStatus.Done) return false;
        var parts = Encoding.UTF8.GetString(buffer[..written]).Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }
        cursor = new NotificationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
