using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Applications;

/// <summary>
/// What an employer owes a matched worker they cancel late (section "EmployerCancellation"): a share of the
/// scheduled wage, paid through the ledger like a wage. Day-work platforms pay such a share (Wonolo half the
/// shift within 6 hours of its start), so the defaults are those.
/// </summary>
public sealed class EmployerCancellationOptions
{
    public const string Section = "EmployerCancellation";

    /// <summary>A matched worker cancelled this close to the start (or later) is owed <see cref="PayPercent"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan LateWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The share of the scheduled wage owed, in percent (truncated to the won).</summary>
    [Range(0, 100)]
    public int PayPercent { get; set; } = 50;

    /// <summary>What cancelling a matched worker of <paramref name="scheduledWageKrw"/> at <paramref name="now"/> owes them.</summary>
    public long PayOwed(long scheduledWageKrw, DateTimeOffset startsAt, DateTimeOffset now) =>
        now >= startsAt - LateWindow ? scheduledWageKrw * PayPercent / 100 : 0;
}
