using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Users;

namespace OneDay.Payments.Clients;

/// <summary>`GET /internal/users/{id}/payout-account` on users, through Dapr service invocation; 404 means none registered.</summary>
public sealed class PayoutAccountsClient(HttpClient http) : IPayoutAccounts
{
    public async Task<PayoutAccount?> FindAsync(Guid workerId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"internal/users/{workerId}/payout-account", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PayoutAccount>(ContractJson.Options, cancellationToken);
    }
}
