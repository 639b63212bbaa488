namespace OneDay.Jobs.Applications;

public enum ApplicationChangeOutcome
{
    Done,
    NotFound,
    Refused,

    /// <summary>Refused because of who asks (their own job, a blocked or suspended worker), not because of the state.</summary>
    Forbidden,
}

/// <summary>
/// What became of an asked-for change: done (with the application as it now stands), not found, or refused and why.
/// <see cref="Promoted"/> are the waitlisted applications a place the change released was offered to, in the same transaction.
/// </summary>
public sealed record ApplicationChange(ApplicationChangeOutcome Outcome, Application? Application = null, string? Refusal = null)
{
    public static ApplicationChange NotFound { get; } = new(ApplicationChangeOutcome.NotFound);

    public IReadOnlyList<Application> Promoted { get; init; } = [];

    public static ApplicationChange Refused(string why) => new(ApplicationChangeOutcome.Refused, Refusal: why);

    public static ApplicationChange Forbidden(string why) => new(ApplicationChangeOutcome.Forbidden, Refusal: why);
}
