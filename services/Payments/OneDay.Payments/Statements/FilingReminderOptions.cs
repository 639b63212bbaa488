using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.Statements;

/// <summary>When employers are reminded of their monthly filings (section "FilingReminders").</summary>
public sealed class FilingReminderOptions
{
    public const string Section = "FilingReminders";

    /// <summary>How many days before a deadline the reminder goes (it goes on any later day up to the deadline if missed).</summary>
    [Range(0, 14)]
    public int DaysBefore { get; set; } = 3;

    /// <summary>How often payments looks for reminders due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Sweep { get; set; } = TimeSpan.FromHours(1);
}
