using System.Buffers.Binary;
using Microsoft.AspNetCore.WebUtilities;

namespace OneDay.Jobs.JobPostings;

/// <summary>
/// Where a page of jobs ends, in the list's stable order (newest first: posted time, then id). Opaque to
/// clients; one that cannot be read is the client's error.
/// </summary>
public readonly record struct JobCursor(DateTimeOffset PostedAt, Guid Id)
{
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, PostedAt.UtcTicks);
        Id.TryWriteBytes(bytes[8..]);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    public static bool TryDecode(string? text, out JobCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text)) return true;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(text);
            if (bytes.Length != 24) return false;
            var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
            cursor = new JobCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(8)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
