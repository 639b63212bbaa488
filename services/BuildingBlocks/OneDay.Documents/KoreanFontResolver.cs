using PdfSharp.Fonts;

namespace OneDay.Documents;

/// <summary>
/// PDFsharp's core build finds no fonts by itself: every family asked for is answered with the one Korean face read
/// from <see cref="DocumentFontOptions.FontPath"/>. PDFsharp holds its resolver in a process-wide setting that may be
/// set only once, so the first path installed wins for the process (tests host several apps in one process, all
/// with the same font).
/// </summary>
public sealed class KoreanFontResolver : IFontResolver
{
    public const string FaceName = "OneDayKorean";

    private static readonly Lock Installing = new();
    private static KoreanFontResolver? _installed;
    private readonly Lazy<byte[]> _font;

    private KoreanFontResolver(string path) => _font = new Lazy<byte[]>(() => FontFile.Read(path));

    /// <summary>Makes the font at <paramref name="path"/> the one PDFsharp uses; a missing file fails here, at start-up, not at the first PDF.</summary>
    public static void Install(string path)
    {
        lock (Installing)
        {
            if (_installed is not null) return;
            if (!File.Exists(path)) throw new FileNotFoundException($"the Korean font for PDFs is not at {path} (Debian: apt-get install fonts-noto-cjk; or set Documents:FontPath)", path);
            _installed = new KoreanFontResolver(path);
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(FaceName);

    public byte[] GetFont(string faceName) => _font.Value;
}
