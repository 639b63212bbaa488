using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Web.Accounts;

namespace OneDay.Web.Clients;

/// <summary>
/// The public API as the signed-in person: every call goes to the gateway (so its authentication, rate
/// limits and each service's rules decide exactly as for any other client) with the person's access token,
/// which is read from the server-side session and never leaves this process.
/// </summary>
public sealed class GatewayClient(GatewayHttp http, CurrentSession session)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>
    /// A money-moving POST under the form's <c>Idempotency-Key</c>: the key is minted when the form is shown, so
    /// a double click or a resent form replays payments' first answer instead of paying twice.
    /// </summary>
    public Task<ApiResult<T>> PostOnceAsync<T>(string path, object body, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken, idempotencyKey);

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = await RequestAsync(method, path, cancellationToken);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: GatewayHttp.Json);
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var value = string.IsNullOrWhiteSpace(text) ? default : JsonSerializer.Deserialize<T>(text, GatewayHttp.Json);
            return new ApiResult<T>(value, response.StatusCode, null, new Dictionary<string, string[]>());
        }
        var (error, fields) = ProblemMessages.Read(response.StatusCode, text);
        return new ApiResult<T>(default, response.StatusCode, error, fields);
    }

    /// <summary>A document the API renders (a PDF, a CSV) as the person may have it, with the name the API gives it.</summary>
    public async Task<ApiResult<DownloadedFile>> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, cancellationToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (error, fields) = ProblemMessages.Read(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            return new ApiResult<DownloadedFile>(null, response.StatusCode, error ?? ProblemMessages.ForStatus(response.StatusCode), fields);
        }
        var content = response.Content;
        var file = new DownloadedFile(await content.ReadAsByteArrayAsync(cancellationToken), content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            content.Headers.ContentDisposition?.FileNameStar ?? content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return new ApiResult<DownloadedFile>(file, response.StatusCode, null, new Dictionary<string, string[]>());
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (await session.AccessTokenAsync(cancellationToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}

/// <summary>A file the API answered with: its bytes, type and suggested name.</summary>
public sealed record DownloadedFile(byte[] Content, string ContentType, string? FileName);

/// <summary>One HTTP client for the process, aimed at the gateway through this app's Dapr sidecar.</summary>
public sealed class GatewayHttp(DaprClient dapr, IOptions<WebOptions> options, IHttpContextAccessor accessor)
{
    private readonly HttpClient _client = dapr.CreateInvokableHttpClient(options.Value.GatewayAppId);

    public static JsonSerializerOptions Json => ContractJson.Options;

    /// <summary>
    /// Sends as the person whose request or circuit this is: their address goes along, so the gateway's limits
    /// are per person rather than one bucket for everyone who uses the web client.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
            request.Headers.TryAddWithoutValidation(ClientAddressHeader.Name, address.ToString());
        return _client.SendAsync(request, cancellationToken);
    }
}

public static class GatewayClientRegistration
{
    public static IServiceCollection AddGatewayClient(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<GatewayHttp>();
        services.AddScoped<GatewayClient>();
        return services;
    }
}
