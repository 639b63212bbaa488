using UglyToad.PdfPig;

namespace OneDay.Testing;

/// <summary>What a reader's PDF viewer would show: the text of every page, read back with PdfPig, an independent PDF reader.</summary>
public static class PdfText
{
    public static string Of(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(page => string.Join(' ', page.GetWords().Select(word => word.Text))));
    }
}
