namespace OneDay.Payments.Statements;

/// <summary>Korea's clock (KST, UTC+9, no daylight saving): pay dates, work days and filing months are Korean dates.</summary>
public static class KoreanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);
}
