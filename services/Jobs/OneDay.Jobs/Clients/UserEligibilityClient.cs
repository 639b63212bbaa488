using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Users;

namespace OneDay.Jobs.Clients;

/// <summary>`GET /internal/users/{id}/eligibility` on users, through Dapr service invocation.</summary>
public sealed class UserEligibilityClient(HttpClient http) : IUserEligibility
{
    public async Task<ApplicantEligibility> CheckAsync(Guid userId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"internal/users/{userId}/eligibility", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return new ApplicantEligibility(userId, false, [IneligibilityReason.NotFound]);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ApplicantEligibility>(ContractJson.Options, cancellationToken)
            ?? throw new HttpRequestException("users answered an empty eligibility");
    }
}
