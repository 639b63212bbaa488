using OneDay.Contracts.Users;

namespace OneDay.Jobs.Clients;

/// <summary>The users service's answer on an applicant (an account users does not know is ineligible: not-found). Throws when users cannot answer (the workflow retries).</summary>
public interface IUserEligibility
{
    Task<ApplicantEligibility> CheckAsync(Guid userId, CancellationToken cancellationToken);
}
