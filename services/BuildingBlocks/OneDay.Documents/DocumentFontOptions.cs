using System.ComponentModel.DataAnnotations;

namespace OneDay.Documents;

/// <summary>Where the Korean font for PDFs is read from (section "Documents").</summary>
public sealed class DocumentFontOptions
{
    public const string Section = "Documents";

    /// <summary>Debian's fonts-noto-cjk puts Noto Sans CJK here (a TrueType collection whose first face is the Japanese-first one; every face carries Hangul).</summary>
    public const string DebianNotoSansCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    [Required]
    public string FontPath { get; set; } = DebianNotoSansCjk;
}
