using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The application after the employer was told: Submitted (then decided by <see cref="DecisionDeadline"/>), Accepted
/// in Instant mode, or already ended. The shift's moments come with it, so the workflow reads them from its history:
/// a matched worker who has not checked in by <see cref="NoShowAt"/> is a no-show, a check-out is awaited until
/// <see cref="CheckOutClosesAt"/>, and the employer has <see cref="ConfirmationWindow"/> after it to complete or
/// dispute; the worker is asked at <see cref="ConfirmationAskedAt"/> to confirm by <see cref="ConfirmationDueAt"/>,
/// and reminded at <see cref="ShiftReminderAt"/> (all absent from the histories of instances that ran this step before the shift was added).
/// </summary>
public sealed record Submission(
    ApplicationStatus Status,
    DateTimeOffset DecisionDeadline,
    DateTimeOffset? NoShowAt = null,
    DateTimeOffset? CheckOutClosesAt = null,
    TimeSpan? ConfirmationWindow = null,
    DateTimeOffset? ConfirmationAskedAt = null,
    DateTimeOffset? ConfirmationDueAt = null,
    DateTimeOffset? ShiftReminderAt = null);
