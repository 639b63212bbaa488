namespace OneDay.Users.Eligibility;

/// <summary>
/// Whether a user may apply for a job, and every reason they may not (kebab-case codes:
/// "deleted", "suspended", "email-not-verified", "not-a-worker").
/// </summary>
public sealed record UserEligibility(Guid UserId, bool Eligible, IReadOnlyList<string> Reasons);
