using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace OneDay.Chat.Rooms;

/// <summary>
/// Where a page of the room list ends, in its order (most recent activity first, then id). Opaque to
/// clients; one that cannot be read is the client's error.
/// </summary>
public readonly record struct RoomCursor(DateTimeOffset LastActivityAt, Guid Id)
{
    private const int Length = 24;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, LastActivityAt.UtcTicks);
        Id.TryWriteBytes(bytes[8..]);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    public static bool TryDecode(string? text, out RoomCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(text);
            if (bytes.Length != Length) return false;
            var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            cursor = new RoomCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
