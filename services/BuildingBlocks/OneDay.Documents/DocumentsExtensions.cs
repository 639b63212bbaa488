using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OneDay.Documents;

public static class DocumentsExtensions
{
    /// <summary>Installs the Korean font for PDFs from <c>Documents:FontPath</c> (Debian's Noto Sans CJK by default); a missing font stops the start-up.</summary>
    public static IHostApplicationBuilder AddPaperDocuments(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DocumentFontOptions.Section).Get<DocumentFontOptions>() ?? new DocumentFontOptions();
        KoreanFontResolver.Install(options.FontPath);
        return builder;
    }
}
