using System.Buffers.Binary;

namespace OneDay.Documents;

/// <summary>
/// Reads a font file for PDFsharp, which takes one face (an sfnt) and no collections. Debian ships Noto Sans CJK as
/// a TrueType collection (.ttc), so the Korean face is cut out of it into a stand-alone font: the same tables, with
/// a table directory of its own (OpenType spec, "Font Collections": a collection is a header pointing at one table
/// directory per face, over tables the faces may share).
/// </summary>
public static class FontFile
{
    /// <summary>In Noto Sans CJK's collections the faces run JP, KR, SC, TC, HK: the KR face sets Hangul as Korean expects.</summary>
    public const int KoreanFaceInCollection = 1;

    public static byte[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return IsCollection(bytes) ? Face(bytes, KoreanFaceInCollection) : bytes;
    }

    private static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    private static byte[] Face(byte[] collection, int index)
    {
        var faces = BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(8));
        if (index >= faces) index = 0;
        var directory = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12 + 4 * index));
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(directory + 4));
        var headerLength = 12 + 16 * tableCount;
        var tables = Enumerable.Range(0, tableCount).Select(i =>
        {
            var record = collection.AsSpan(directory + 12 + 16 * i, 16);
            return (Record: record.ToArray(), Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }).ToList();

        var face = new byte[headerLength + tables.Sum(t => Padded(t.Length))];
        collection.AsSpan(directory, 12).CopyTo(face);
        var at = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (record, offset, length) = tables[i];
            record.CopyTo(face.AsSpan(12 + 16 * i));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + 16 * i + 8), (uint)at);
            collection.AsSpan(offset, length).CopyTo(face.AsSpan(at));
            at += Padded(length);
        }
        return face;
    }

    /// <summary>Tables start on four-byte boundaries.</summary>
    private static int Padded(int length) => (length + 3) & ~3;
}
