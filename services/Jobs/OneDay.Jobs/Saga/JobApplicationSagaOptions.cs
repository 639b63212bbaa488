using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Saga;

/// <summary>How the job-application saga paces itself (section "ApplicationSaga").</summary>
public sealed class JobApplicationSagaOptions
{
    public const string Section = "ApplicationSaga";

    /// <summary>Tries of one step (asking users, telling the employer) before the saga compensates.</summary>
    [Range(1, 100)]
    public int StepAttempts { get; set; } = 5;

    /// <summary>Wait after a step's first failure; doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An application the employer has not answered this long before the work starts expires.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DecisionLeadTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often the saga's reminder fires while it waits, a safety net should one firing be lost.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often Pending applications whose saga may never have started are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecoverySweep { get; set; } = TimeSpan.FromMinutes(1);
}
