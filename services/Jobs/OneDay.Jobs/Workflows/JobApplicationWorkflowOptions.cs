using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Workflows;

/// <summary>How the job-application workflow paces itself (section "ApplicationWorkflow").</summary>
public sealed class JobApplicationWorkflowOptions
{
    public const string Section = "ApplicationWorkflow";

    /// <summary>Tries of one call to another service (asking users, telling the employer) before the workflow compensates.</summary>
    [Range(1, 100)]
    public int StepAttempts { get; set; } = 5;

    /// <summary>Wait after a call's first failure; doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An application the employer has not answered this long before the work starts expires.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DecisionLeadTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long before the start a matched worker is asked to confirm they will come (not asked when matched later; 0: never).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ConfirmationAskedBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long before the start the worker's confirmation is due; unconfirmed by then, the employer is told.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ConfirmationDueBefore { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long before the start the matched worker is reminded where to go and to check in there (0: not reminded).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ShiftReminderBefore { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A matched worker who has not checked in this long after the start is a no-show: the place opens again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "04:00:00")]
    public TimeSpan NoShowGrace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long after the check-out the employer has to complete the work or dispute the record; after it an
    /// undisputed record stands and the work is completed from it (which starts the payment).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AttendanceConfirmationWindow { get; set; } = TimeSpan.FromHours(24);
}
