using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OneDay.Jobs.JobPostings;

/// <summary>
/// What an employer states about a job, as posted or revised. Shape and ranges are checked by the
/// validation generator; <see cref="JobRules"/> checks the rules that need the clock and the minimum wage.
/// </summary>
public sealed record JobTerms(
    [property: Required, StringLength(100, MinimumLength = 2)] string Title,
    [property: Required, StringLength(4000)] string Description,
    [property: Required, StringLength(50)] string Category,
    [property: Range(1, 10_000_000)] long WageKrw,
    WageUnit WageUnit,
    DateOnly WorkDate,
    TimeOnly StartTime,
    TimeOnly EndTime,
    [property: Range(1, 100)] int Headcount,
    [property: Required, StringLength(300, MinimumLength = 2)] string Address,
    [property: Range(-90.0, 90.0)] double Latitude,
    [property: Range(-180.0, 180.0)] double Longitude,
    MatchingMode MatchingMode = MatchingMode.Review,
    [property: Range(0, 240)] int BreakMinutes = 0)
{
    /// <summary>The working time; an end before the start means the work runs past midnight (TimeOnly subtraction counts forward).</summary>
    [JsonIgnore]
    public TimeSpan Duration => EndTime - StartTime;
}
