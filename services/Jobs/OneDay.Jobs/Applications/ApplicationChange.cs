namespace OneDay.Jobs.Applications;

public enum ApplicationChangeOutcome
{
    Done,
    NotFound,
    Refused,
}

/// <summary>What became of an asked-for change: done (with the application as it now stands), not found, or refused and why.</summary>
public sealed record ApplicationChange(ApplicationChangeOutcome Outcome, Application? Application = null, string? Refusal = null)
{
    public static ApplicationChange NotFound { get; } = new(ApplicationChangeOutcome.NotFound);

    public static ApplicationChange Refused(string why) => new(ApplicationChangeOutcome.Refused, Refusal: why);
}
