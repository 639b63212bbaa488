using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The external event the API raises once its guarded transition is committed (the employer accepted or
/// rejected, the worker cancelled, a waitlisted application was given a reopened place): <see cref="Status"/> is what the application became.
/// </summary>
public sealed record ApplicationDecided(ApplicationStatus Status)
{
    public const string EventName = "application-decided";
}
