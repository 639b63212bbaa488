using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OneDay.Documents;

/// <summary>Lays a <see cref="PaperDocument"/> out on A4 pages in the Korean font: the title, then each line, wrapped to the page.</summary>
public static class PaperPdf
{
    private const double Margin = 50;
    private const double TitleSize = 16;
    private const double BodySize = 10.5;

    public static byte[] Render(PaperDocument paper)
    {
        using var document = new PdfDocument();
        document.Info.Title = paper.Title;
        document.Info.Creator = "OneDay";
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(KoreanFontResolver.FaceName, TitleSize, XFontStyleEx.Regular, options);
        var body = new XFont(KoreanFontResolver.FaceName, BodySize, XFontStyleEx.Regular, options);

        var page = new Page(document);
        page.Write(paper.Title, title, centred: true);
        page.Skip(TitleSize);
        foreach (var line in paper.Lines) page.Write(line, body, centred: false);
        page.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The page being written, with the next line's position; a new page when this one is full.</summary>
    private sealed class Page(PdfDocument document) : IDisposable
    {
        private XGraphics _graphics = Open(document);
        private double _y = Margin;

        public void Write(string line, XFont font, bool centred)
        {
            var height = font.GetHeight() * 1.35;
            if (line.Length == 0)
            {
                Skip(height / 2);
                return;
            }
            var width = _graphics.PageSize.Width - 2 * Margin;
            foreach (var piece in Wrap(line, font, width))
            {
                if (_y + height > _graphics.PageSize.Height - Margin) Turn();
                var format = centred ? XStringFormats.TopCenter : XStringFormats.TopLeft;
                _graphics.DrawString(piece, font, XBrushes.Black, new XRect(Margin, _y, width, height), format);
                _y += height;
            }
        }

        public void Skip(double height) => _y += height;

        public void Dispose() => _graphics.Dispose();

        private void Turn()
        {
            _graphics.Dispose();
            _graphics = Open(document);
            _y = Margin;
        }

        /// <summary>Breaks at the last space that fits, or mid-word when a word alone is wider than the page.</summary>
        private IEnumerable<string> Wrap(string line, XFont font, double width)
        {
            var rest = line;
            while (_graphics.MeasureString(rest, font).Width > width)
            {
                var fits = 1;
                while (fits < rest.Length && _graphics.MeasureString(rest[..(fits + 1)], font).Width <= width) fits++;
                var space = rest.LastIndexOf(' ', fits - 1, fits);
                var cut = space > 0 ? space : fits;
                yield return rest[..cut];
                rest = rest[cut..].TrimStart();
            }
            yield return rest;
        }

        private static XGraphics Open(PdfDocument document)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            return XGraphics.FromPdfPage(page);
        }
    }
}
