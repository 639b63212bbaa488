namespace OneDay.Jobs.JobPostings;

public sealed record JobView(
    Guid Id,
    Guid EmployerId,
    string Title,
    string Description,
    string Category,
    long WageKrw,
    WageUnit WageUnit,
    DateOnly WorkDate,
    TimeOnly StartTime,
    TimeOnly EndTime,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Headcount,
    int FilledCount,
    string Address,
    double Latitude,
    double Longitude,
    MatchingMode MatchingMode,
    JobStatus Status,
    long Version,
    DateTimeOffset PostedAt,
    DateTimeOffset UpdatedAt,
    int BreakMinutes)
{
    public static JobView Of(Job job) => new(
        job.Id, job.EmployerId, job.Title, job.Description, job.Category, job.WageKrw, job.WageUnit, job.WorkDate,
        job.StartTime, job.EndTime, job.StartsAt, job.EndsAt, job.Headcount, job.FilledCount, job.Address,
        job.Latitude, job.Longitude, job.MatchingMode, job.Status, job.Version, job.PostedAt, job.UpdatedAt, job.BreakMinutes);
}

/// <summary>One page of a list and the cursor of the next (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
