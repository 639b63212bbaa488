namespace OneDay.Jobs.Applications;

/// <summary>One side of an application.</summary>
public enum ApplicationParty
{
    Employer,
    Worker,
}
