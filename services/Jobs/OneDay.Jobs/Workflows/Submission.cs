using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The application after the employer was told: Submitted (then decided by <see cref="DecisionDeadline"/>), Accepted
/// in Instant mode, or already ended. A matched worker who has not checked in by <see cref="NoShowAt"/> is a no-show
/// (absent from the histories of instances that ran this step before the shift was added).
/// </summary>
public sealed record Submission(ApplicationStatus Status, DateTimeOffset DecisionDeadline, DateTimeOffset? NoShowAt = null);
