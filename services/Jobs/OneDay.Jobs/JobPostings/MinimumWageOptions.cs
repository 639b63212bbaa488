using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.JobPostings;

/// <summary>The legal minimum wage (section "MinimumWage"); 최저임금 for 2026 is 10,320 KRW an hour.</summary>
public sealed class MinimumWageOptions
{
    public const string Section = "MinimumWage";

    [Range(1, 1_000_000)]
    public long HourlyKrw { get; set; } = 10_320;
}
