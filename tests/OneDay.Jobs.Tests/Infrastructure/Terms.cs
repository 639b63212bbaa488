using OneDay.Contracts;
using OneDay.Jobs.JobPostings;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>Job terms for tests: a valid job by default, starting at a given time from now (Korean time).</summary>
public static class Terms
{
    public static JobTerms Job(
        TimeSpan? startsIn = null,
        TimeSpan? lasts = null,
        long wageKrw = 12_000,
        WageUnit wageUnit = WageUnit.Hourly,
        int headcount = 3,
        MatchingMode matchingMode = MatchingMode.Review,
        string category = "물류/상하차",
        string title = "쿠팡 물류센터 상하차",
        DateTimeOffset? now = null)
    {
        var exact = (now ?? DateTimeOffset.UtcNow).Add(startsIn ?? TimeSpan.FromDays(2)).ToOffset(KoreanTime.Offset);
        var startsAt = exact.AddTicks(TimeSpan.TicksPerSecond - exact.Ticks % TimeSpan.TicksPerSecond);
        var start = TimeOnly.FromTimeSpan(startsAt.TimeOfDay);
        var end = start.Add(lasts ?? TimeSpan.FromHours(8));
        return new JobTerms(title, "상하차 및 분류 작업, 안전화 지참", category, wageKrw, wageUnit, DateOnly.FromDateTime(startsAt.DateTime),
            start, end, headcount, "경기도 이천시 마장면 덕평로 811", 37.2459, 127.3940, matchingMode);
    }
}
