namespace OneDay.Contracts;

/// <summary>
/// Korea's clock (KST, UTC+9, no daylight saving): work days, pay dates and filing months are Korean dates,
/// whatever clock a server keeps.
/// </summary>
public static class KoreanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The instant a Korean date and wall-clock time name.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), Offset).ToUniversalTime();

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
