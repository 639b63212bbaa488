using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>The application after the employer was told: Submitted (then decided by <see cref="DecisionDeadline"/>), Accepted in Instant mode, or already ended.</summary>
public sealed record Submission(ApplicationStatus Status, DateTimeOffset DecisionDeadline);
