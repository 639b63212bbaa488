using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.JobPostings;

/// <summary>
/// A one-day job. <see cref="FilledCount"/> counts the applications holding a slot; it never exceeds
/// <see cref="Headcount"/> because every change to it happens under the job row's lock
/// (<see cref="Data.JobLocks"/>). <see cref="Version"/> grows with every change and orders the job events.
/// </summary>
public sealed class Job
{
    public Guid Id { get; init; }
    public Guid EmployerId { get; init; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public long WageKrw { get; set; }
    public WageUnit WageUnit { get; set; }
    public DateOnly WorkDate { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    /// <summary>The unpaid break the job states, taken off the minutes worked.</summary>
    public int BreakMinutes { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Headcount { get; set; }
    public int FilledCount { get; private set; }
    public required string Address { get; set; }
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public MatchingMode MatchingMode { get; set; }
    public JobStatus Status { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset PostedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool HasFreeSlot => Status == JobStatus.Open && FilledCount < Headcount;

    public static Job Post(Guid employerId, JobTerms terms, DateTimeOffset now)
    {
        now = DatabaseTime.Of(now);
        var job = new Job
        {
            Id = Guid.CreateVersion7(now),
            EmployerId = employerId,
            Title = terms.Title,
            Description = terms.Description,
            Category = terms.Category,
            Address = terms.Address,
            PostedAt = now,
        };
        job.Apply(terms);
        job.Touch(now);
        return job;
    }

    /// <summary>Replaces the terms; a headcount below the slots already taken is refused by the caller's rules.</summary>
    public void Revise(JobTerms terms, DateTimeOffset now)
    {
        Title = terms.Title;
        Description = terms.Description;
        Category = terms.Category;
        Address = terms.Address;
        Apply(terms);
        if (Status is JobStatus.Open or JobStatus.Filled) Status = FilledCount >= Headcount ? JobStatus.Filled : JobStatus.Open;
        Touch(now);
    }

    /// <summary>Takes one slot; false when none is free. When the last slot goes the job is Filled.</summary>
    public bool TryTakeSlot(DateTimeOffset now)
    {
        if (!HasFreeSlot) return false;
        FilledCount++;
        if (FilledCount == Headcount) Status = JobStatus.Filled;
        Touch(now);
        return true;
    }

    /// <summary>Gives a slot back; a Filled job opens again.</summary>
    public void ReleaseSlot(DateTimeOffset now)
    {
        if (FilledCount == 0) return;
        FilledCount--;
        if (Status == JobStatus.Filled) Status = JobStatus.Open;
        Touch(now);
    }

    public void Cancel(DateTimeOffset now)
    {
        Status = JobStatus.Cancelled;
        Touch(now);
    }

    /// <summary>The employer stops taking applications; workers already accepted keep their places.</summary>
    public void Close(DateTimeOffset now)
    {
        Status = JobStatus.Closed;
        Touch(now);
    }

    public void Complete(DateTimeOffset now)
    {
        Status = JobStatus.Completed;
        Touch(now);
    }

    /// <summary>The wage the shift would earn as posted: the day's wage, or the hourly wage for the scheduled minutes less the break.</summary>
    public long ScheduledWageKrw() =>
        WageUnit == WageUnit.Daily ? WageKrw : WageKrw * ((long)(EndsAt - StartsAt).TotalMinutes - BreakMinutes) / 60;

    public JobSnapshot ToSnapshot() => new(
        Id, Version, EmployerId, Title, Description, Category, WageKrw, Address, Latitude, Longitude,
        StartsAt, EndsAt, Headcount, FilledCount, Status.ToString(), PostedAt, UpdatedAt)
    {
        WageUnit = WageUnit.ToString(),
        MatchingMode = MatchingMode.ToString(),
    };

    private void Apply(JobTerms terms)
    {
        WageKrw = terms.WageKrw;
        WageUnit = terms.WageUnit;
        WorkDate = terms.WorkDate;
        StartTime = terms.StartTime;
        EndTime = terms.EndTime;
        BreakMinutes = terms.BreakMinutes;
        StartsAt = KoreanTime.At(terms.WorkDate, terms.StartTime);
        EndsAt = StartsAt + terms.Duration;
        Headcount = terms.Headcount;
        Latitude = terms.Latitude;
        Longitude = terms.Longitude;
        MatchingMode = terms.MatchingMode;
    }

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = DatabaseTime.Of(now);
    }
}
