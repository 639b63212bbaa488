namespace OneDay.Web.Jobs;

/// <summary>The job form's fields, bound from the posted form; <see cref="Terms"/> is what jobs takes for POST and PUT /jobs.</summary>
public sealed class JobInput
{
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Category { get; set; } = "";
    public long WageKrw { get; set; } = 12_000;
    public string WageUnit { get; set; } = "Hourly";
    public DateOnly WorkDate { get; set; }
    public TimeOnly StartTime { get; set; } = new(9, 0);
    public TimeOnly EndTime { get; set; } = new(18, 0);
    public int Headcount { get; set; } = 1;
    public string Address { get; set; } = "서울 강남구 테헤란로 1";
    public double Latitude { get; set; } = 37.4979;
    public double Longitude { get; set; } = 127.0276;
    public string MatchingMode { get; set; } = "Review";

    /// <summary>A new job's form: work tomorrow, Korea's date.</summary>
    public static JobInput Tomorrow(TimeProvider time) =>
        new() { WorkDate = DateOnly.FromDateTime(time.GetUtcNow().AddHours(9).AddDays(1).DateTime) };

    /// <summary>A posted job's terms, to edit.</summary>
    public static JobInput Of(Job job) => new()
    {
        Title = job.Title, Description = job.Description, Category = job.Category, WageKrw = job.WageKrw, WageUnit = job.WageUnit,
        WorkDate = job.WorkDate, StartTime = job.StartTime, EndTime = job.EndTime, Headcount = job.Headcount, Address = job.Address,
        Latitude = job.Latitude, Longitude = job.Longitude, MatchingMode = job.MatchingMode,
    };

    public object Terms() => new
    {
        Title, Description, Category, WageKrw, WageUnit, WorkDate, StartTime, EndTime, Headcount, Address, Latitude, Longitude, MatchingMode,
    };
}
