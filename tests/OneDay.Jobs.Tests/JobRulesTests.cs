using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>The minimum-wage rule (10,320 KRW an hour for 2026), hourly and daily, on day and night shifts.</summary>
public sealed class JobRulesTests
{
    private static readonly MinimumWageOptions MinimumWage2026 = new();

    [Theory]
    [InlineData(WageUnit.Hourly, 10_320, 8, true)]
    [InlineData(WageUnit.Hourly, 10_319, 8, false)]
    [InlineData(WageUnit.Daily, 82_560, 8, true)]
    [InlineData(WageUnit.Daily, 82_559, 8, false)]
    [InlineData(WageUnit.Daily, 41_280, 4, true)]
    [InlineData(WageUnit.Daily, 100_000, 10, false)]
    public void Wages_under_the_minimum_are_refused(WageUnit unit, long wageKrw, int hours, bool allowed)
    {
        var terms = Terms.Job(wageKrw: wageKrw, wageUnit: unit, lasts: TimeSpan.FromHours(hours));

        var errors = JobRules.Check(terms, DateTimeOffset.UtcNow, MinimumWage2026);

        Assert.Equal(allowed, !errors.ContainsKey("wageKrw"));
    }

    [Fact]
    public void A_daily_wage_over_a_night_shift_counts_the_hours_past_midnight()
    {
        var terms = Terms.Job(wageKrw: 92_000, wageUnit: WageUnit.Daily) with { StartTime = new TimeOnly(22, 0), EndTime = new TimeOnly(7, 0) };

        var errors = JobRules.Check(terms, DateTimeOffset.UtcNow, MinimumWage2026);

        Assert.Equal(TimeSpan.FromHours(9), terms.Duration);
        Assert.Contains("wageKrw", errors.Keys);
    }

    [Fact]
    public void The_minimum_is_configurable()
    {
        var errors = JobRules.Check(Terms.Job(wageKrw: 11_000), DateTimeOffset.UtcNow, new MinimumWageOptions { HourlyKrw = 11_500 });

        Assert.Contains("wageKrw", errors.Keys);
    }
}
