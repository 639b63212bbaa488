using System.Net;

namespace OneDay.Payments.Clients;

/// <summary>
/// `POST /internal/jobs/applications/{id}/paid` and `/unpaid` on jobs, through Dapr service invocation
/// (no body; both idempotent). 404 and 409 are final refusals; anything else unexpected throws, so the
/// saga retries.
/// </summary>
public sealed class ApplicationPaymentsClient(HttpClient http) : IApplicationPayments
{
    public Task<ApplicationMarkAnswer> MarkPaidAsync(Guid applicationId, CancellationToken cancellationToken) =>
        PostAsync($"internal/jobs/applications/{applicationId}/paid", cancellationToken);

    public Task<ApplicationMarkAnswer> MarkUnpaidAsync(Guid applicationId, CancellationToken cancellationToken) =>
        PostAsync($"internal/jobs/applications/{applicationId}/unpaid", cancellationToken);

    private async Task<ApplicationMarkAnswer> PostAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content: null, cancellationToken);
        if (response.IsSuccessStatusCode) return new ApplicationMarkAnswer(true, null);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            return new ApplicationMarkAnswer(false, $"jobs refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        throw new HttpRequestException($"jobs answered {(int)response.StatusCode} to {path}", null, response.StatusCode);
    }
}
