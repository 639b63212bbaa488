using System.ComponentModel.DataAnnotations;

namespace OneDay.Jobs.Applications;

/// <summary>
/// The waitlist of a full job (section "Waitlist"): who applies once every place is taken waits in line, and a place
/// that reopens (a cancellation, a no-show, a compensation) goes to the earliest of them in the same transaction.
/// </summary>
public sealed class WaitlistOptions
{
    public const string Section = "Waitlist";

    /// <summary>How many may wait for one job; an application beyond it is refused (0: no waitlist, a full job refuses).</summary>
    [Range(0, 100)]
    public int Capacity { get; set; } = 5;

    /// <summary>
    /// How long after the start those waiting may still be given a place in Instant mode, so the places of no-shows
    /// (marked at the start plus ApplicationWorkflow:NoShowGrace) go to them; then the waitlist closes and they are told.
    /// Nobody joins a waitlist once the work has started, and a Review-mode place is offered only before the start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "04:00:00")]
    public TimeSpan OpenAfterStart { get; set; } = TimeSpan.FromMinutes(45);

    /// <summary>When the waitlist of a job starting at <paramref name="startsAt"/> closes.</summary>
    public DateTimeOffset ClosesAt(DateTimeOffset startsAt) => startsAt + OpenAfterStart;

    /// <summary>
    /// When on, a matched worker who has not confirmed by the confirmation's due time loses the place to the first on the
    /// waitlist (the application is cancelled with the reason "shift-unconfirmed", both sides are told). Only when someone
    /// is waitlisted: with nobody to take the place, letting an unconfirmed worker go would only leave it empty, while
    /// they may still come. Off by default: the employer is told and decides.
    /// </summary>
    public bool OfferOnwardWhenUnconfirmed { get; set; }
}
