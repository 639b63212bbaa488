using System.Globalization;
using System.Text;

namespace OneDay.Payments.Statements;

/// <summary>
/// The two filings as CSV files an employer uploads or copies into the filing systems' spreadsheets, in the column
/// order docs/employer-filings.md sets out with its sources: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order
/// mark (so a Korean spreadsheet opens the Hangul as Hangul), numbers without separators, resident numbers as 13 digits.
/// </summary>
public static class StatementFiles
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] WithholdingHeader = ["귀속연도", "지급월", "근무월", "성명", "주민등록번호", "근무일수", "과세소득", "비과세소득", "소득세", "지방소득세"];

    public static byte[] Withholding(EmployerMonth statements) => Csv(
        WithholdingHeader,
        statements.Withholding.Select(row => new[]
        {
            Number(statements.Month.Year), statements.Month.Compact, row.WorkMonth.Compact, row.Worker.LegalName ?? "", row.Worker.ResidentNumber?.Digits ?? "",
            Number(row.DaysWorked), Number(row.TaxablePayKrw), Number(row.NonTaxablePayKrw), Number(row.IncomeTaxKrw), Number(row.LocalIncomeTaxKrw),
        }));

    public static byte[] EmploymentInsurance(EmployerMonth statements)
    {
        var days = Enumerable.Range(1, 31).ToList();
        string[] header = ["신고월", "성명", "주민등록번호", "국적코드", .. days.Select(day => $"{day}일"), "근로일수", "일평균근로시간", "보수총액"];
        return Csv(header, statements.EmploymentInsurance.Select(row => new[]
            {
                // Only Korean nationals' numbers are taken (ResidentNumber), whose nationality code is 100.
                statements.Month.Compact, row.Worker.LegalName ?? "", row.Worker.ResidentNumber?.Digits ?? "", "100",
            }
            .Concat(days.Select(day => row.DaysWorked.Contains(day) ? "1" : ""))
            .Concat([Number(row.TotalDays), Number(row.AverageDailyHours), Number(row.TotalPayKrw)])));
    }

    public static string FileName(FilingMonth month, string filing) => $"{filing}-{month.Compact}.csv";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Csv(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header)) text.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
