namespace OneDay.Web.Jobs;

// The public API's shapes as this client reads them (enums arrive as their names).

public sealed record Job(
    Guid Id, Guid EmployerId, string Title, string Description, string Category, long WageKrw, string WageUnit,
    DateOnly WorkDate, TimeOnly StartTime, TimeOnly EndTime, int Headcount, int FilledCount, string Address,
    double Latitude, double Longitude, string MatchingMode, string Status);

public sealed record Application(
    Guid Id, Guid JobId, Guid WorkerId, Guid EmployerId, string Status, string? Reason, int? MinutesWorked, DateTimeOffset AppliedAt,
    ApplicantRecord? Applicant = null);

/// <summary>What the employer's list of applicants tells of each: work done, promises broken, how others rated them.</summary>
public sealed record ApplicantRecord(int Completed, int NoShows, int LateCancels, double? AverageStars, int Ratings);

public sealed record JobHit(
    Guid JobId, string Title, string Category, long WageKrw, string WageUnit, string Address, double Latitude, double Longitude,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, double? DistanceKm);

public sealed record JobSearchResult(IReadOnlyList<JobHit> Items, long TotalEstimate, string? NextCursor);

public sealed record Category(int Id, string Name, int SortOrder);

public sealed record JobPage(IReadOnlyList<Job> Items, string? NextCursor);
