using OneDay.Documents;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>The Korean PDF piece jobs' contracts and payments' pay slips share, on Debian's Noto Sans CJK.</summary>
public sealed class PaperPdfTests
{
    [Fact]
    public void A_Korean_document_reads_back_from_its_PDF_word_for_word()
    {
        KoreanFontResolver.Install(new DocumentFontOptions().FontPath);
        var paper = new PaperDocument("단기간근로자 표준근로계약서", [
            "1. 근로개시일: 2026년 12월 7일",
            "2. 임금: 시간급 12,000원",
            string.Join(' ', Enumerable.Repeat("줄바꿈이 필요한 아주 긴 문장입니다.", 12)),
        ]);

        var text = PdfText.Of(PaperPdf.Render(paper));

        Assert.Contains("단기간근로자 표준근로계약서", text);
        Assert.Contains("근로개시일: 2026년 12월 7일", text);
        Assert.Contains("시간급 12,000원", text);
        Assert.Equal(12, text.Split("줄바꿈이 필요한 아주 긴 문장입니다.").Length - 1);
    }

    [Fact]
    public void The_hash_is_of_the_exact_text_and_a_document_reads_back_from_it()
    {
        var paper = new PaperDocument("임금명세서", ["지급액: 100,000원", "", "공제: 0원"]);

        Assert.Equal(PaperDocument.HashOf("임금명세서\n\n지급액: 100,000원\n\n공제: 0원"), paper.Sha256);
        Assert.Equal(64, paper.Sha256.Length);
        Assert.Equal(paper.Text, PaperDocument.FromText(paper.Text).Text);
    }
}
