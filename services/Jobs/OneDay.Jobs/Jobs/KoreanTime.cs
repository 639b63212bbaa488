namespace OneDay.Jobs.Jobs;

/// <summary>Work dates and times are stated in Korean time; Korea keeps no daylight saving, so a fixed +09:00 is exact.</summary>
public static class KoreanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), Offset).ToUniversalTime();

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
