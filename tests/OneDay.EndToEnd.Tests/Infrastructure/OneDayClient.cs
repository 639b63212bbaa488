using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a client app does, over the gateway only: register, read the verification e-mail, verify, log in,
/// then call the API with its access token and open the real-time hubs.
/// </summary>
public sealed partial class OneDayClient : IAsyncDisposable
{
    private readonly OneDaySystem _system;
    private readonly List<HubConnection> _hubs = [];

    private OneDayClient(OneDaySystem system, HttpClient http, Guid userId, string email, string accessToken)
    {
        _system = system;
        Http = http;
        UserId = userId;
        Email = email;
        AccessToken = accessToken;
    }

    public HttpClient Http { get; }

    public Guid UserId { get; }

    public string Email { get; }

    public string AccessToken { get; }

    /// <summary>Every account <see cref="SignUpAsync"/> opens has this password (test accounts only).</summary>
    public const string Password = "한강-day-job-2026!";

    /// <summary>
    /// Registers, logs in, and verifies the address with the token from the e-mail the email binding wrote. The
    /// registration's answer does not name the account (it reads the same for a taken address), so the id is the
    /// profile's, as a client app learns it.
    /// </summary>
    public static async Task<OneDayClient> SignUpAsync(OneDaySystem system, string role, string displayName, bool verifyEmail = true)
    {
        var anonymous = new HttpClient { BaseAddress = system.Gateway };
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@oneday.test";
        await ReadAsync(await anonymous.PostAsJsonAsync("/users/register", new
        {
            email, password = Password, displayName, phoneNumber = $"010-{Random.Shared.Next(1000, 10000)}-{Random.Shared.Next(1000, 10000)}", role,
        }), HttpStatusCode.Accepted);
        var accessToken = await StartSessionAsync(anonymous, email, Password);
        var userId = (await ReadAsync(await anonymous.GetAsync(new Uri("/users/profile", UriKind.Relative)), HttpStatusCode.OK)).GetProperty("id").GetGuid();
        if (verifyEmail)
        {
            var token = await VerificationTokenAsync(system, userId);
            await ReadAsync(await anonymous.PostAsJsonAsync("/users/verify-email", new { token }), HttpStatusCode.NoContent);
        }
        return new OneDayClient(system, anonymous, userId, email, accessToken);
    }

    /// <summary>The operator, logged in with the Admin account users created from its configuration.</summary>
    public static Task<OneDayClient> OperatorAsync(OneDaySystem system) =>
        LogInAsync(system, new HttpClient { BaseAddress = system.Gateway }, Guid.Empty, OneDaySystem.Operator.Email, OneDaySystem.Operator.Password);

    /// <summary>An account opened elsewhere (at the web client's pages), logged in at the API; its id is the profile's.</summary>
    public static async Task<OneDayClient> LogInAsync(OneDaySystem system, string email, string password)
    {
        var http = new HttpClient { BaseAddress = system.Gateway };
        var accessToken = await StartSessionAsync(http, email, password);
        var userId = (await ReadAsync(await http.GetAsync(new Uri("/users/profile", UriKind.Relative)), HttpStatusCode.OK)).GetProperty("id").GetGuid();
        return new OneDayClient(system, http, userId, email, accessToken);
    }

    private static async Task<OneDayClient> LogInAsync(OneDaySystem system, HttpClient http, Guid userId, string email, string password) =>
        new(system, http, userId, email, await StartSessionAsync(http, email, password));

    /// <summary>Logs in; from then on <paramref name="http"/> sends the access token, which is returned.</summary>
    private static async Task<string> StartSessionAsync(HttpClient http, string email, string password)
    {
        var session = await ReadAsync(await http.PostAsJsonAsync("/users/login", new { email, password }), HttpStatusCode.OK);
        var accessToken = session.GetProperty("accessToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return accessToken;
    }

    /// <summary>The code in the verification e-mail notifications sent through the `email` binding.</summary>
    private static async Task<string> VerificationTokenAsync(OneDaySystem system, Guid userId)
    {
        string? token = null;
        await Eventually.TrueAsync(() =>
        {
            token = system.Outbox("email", userId).Select(mail => VerificationLink().Match(mail)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            return Task.FromResult(token is not null);
        }, TimeSpan.FromSeconds(30), $"the verification e-mail to {userId}");
        return token!;
    }

    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Http.GetAsync(new Uri(path, UriKind.Relative)), expected);

    public async Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body ?? new { }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await ReadAsync(await Http.SendAsync(request), expected);
    }

    public async Task<JsonElement> PutAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await Http.PutAsJsonAsync(new Uri(path, UriKind.Relative), body), expected);

    /// <summary>A hub connection through the gateway, with the access token where browsers put it (the query string).</summary>
    public async Task<HubConnection> ConnectAsync(string hubPath)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_system.Gateway, hubPath), options => options.AccessTokenProvider = () => Task.FromResult<string?>(AccessToken))
            .Build();
        await hub.StartAsync();
        _hubs.Add(hub);
        return hub;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
            return body.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(body, ContractJson.Options);
        }
    }

    [GeneratedRegex(@"verify-email\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerificationLink();

    public async ValueTask DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
        Http.Dispose();
    }
}
