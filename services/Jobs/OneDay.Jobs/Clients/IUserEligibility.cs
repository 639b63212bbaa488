namespace OneDay.Jobs.Clients;

/// <summary>Whether an account may take work now; when not, why (not-verified, suspended, not-a-worker, inactive, not-found).</summary>
public sealed record Eligibility(bool Eligible, IReadOnlyList<string> Reasons);

/// <summary>The users service's answer on an applicant. Throws when users cannot answer (the saga retries).</summary>
public interface IUserEligibility
{
    Task<Eligibility> CheckAsync(Guid userId, CancellationToken cancellationToken);
}
