using OneDay.Contracts;
using System.Globalization;

namespace OneDay.Payments.Statements;

/// <summary>
/// A calendar month in Korean time, the unit both filings are made in, with their deadlines
/// (docs/employer-filings.md §1): the 지급명세서 of wages paid in it is due by the last day of the next month,
/// the 근로내용확인신고 of days worked in it by the 15th of the next month.
/// </summary>
public readonly record struct FilingMonth(int Year, int Month)
{
    public static bool TryParse(string? text, out FilingMonth month)
    {
        // Day wages were withheld monthly only from 2021; the bounds also keep the month's edges representable.
        var parsed = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && first.Year is >= 2000 and < 3000;
        month = parsed ? new FilingMonth(first.Year, first.Month) : default;
        return parsed;
    }

    public static FilingMonth Of(DateTimeOffset moment)
    {
        var date = KoreanTime.DateOf(moment);
        return new FilingMonth(date.Year, date.Month);
    }

    /// <summary>Midnight of its first day in Korea, as UTC (what PostgreSQL's timestamptz parameters take).</summary>
    public DateTimeOffset StartsAt => new DateTimeOffset(Year, Month, 1, 0, 0, 0, KoreanTime.Offset).ToUniversalTime();

    public DateTimeOffset EndsAt => Next.StartsAt;

    public FilingMonth Next => Month == 12 ? new FilingMonth(Year + 1, 1) : new FilingMonth(Year, Month + 1);

    public FilingMonth Previous => Month == 1 ? new FilingMonth(Year - 1, 12) : new FilingMonth(Year, Month - 1);

    public bool Contains(DateTimeOffset moment) => Of(moment) == this;

    public int Days => DateTime.DaysInMonth(Year, Month);

    /// <summary>The 일용근로소득 지급명세서 of wages paid in this month: by the last day of the next month.</summary>
    public DateOnly WithholdingStatementDue => new(Next.Year, Next.Month, Next.Days);

    /// <summary>The 근로내용확인신고 of days worked in this month: by the 15th of the next month.</summary>
    public DateOnly EmploymentInsuranceReportDue => new(Next.Year, Next.Month, 15);

    /// <summary>yyyyMM, as the filing files write a month.</summary>
    public string Compact => $"{Year:D4}{Month:D2}";

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
