namespace OneDay.Jobs.Reliability;

/// <summary>What an employer sees of an applicant's record: work done, promises broken, how others rated them, and their own mark.</summary>
public sealed record WorkerSummary(int Completed, int NoShows, int LateCancels, double? AverageStars, int Ratings, WorkerMarkKind? Mark);
