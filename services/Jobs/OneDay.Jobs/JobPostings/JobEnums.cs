namespace OneDay.Jobs.JobPostings;

public enum JobStatus
{
    Open,
    Filled,
    Closed,
    Cancelled,
    Completed,
}

/// <summary>How the wage is stated: per hour, or for the whole day's work.</summary>
public enum WageUnit
{
    Hourly,
    Daily,
}

/// <summary>Review: the employer chooses among applicants. Instant (바로채용): eligible applicants are accepted first come while slots remain.</summary>
public enum MatchingMode
{
    Review,
    Instant,
}
