using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OneDay.DemoData;

/// <summary>A demo account's session with the gateway: signed up (or found), verified, logged in.</summary>
internal sealed partial class DemoClient(HttpClient http, string email) : IDisposable
{
    public string Email { get; } = email;

    public HttpClient Http { get; } = http;

    /// <summary>
    /// Registers the account unless it exists, verifies its address with the code from the e-mail the local
    /// email binding wrote under <paramref name="emailOutbox"/>, and logs in.
    /// </summary>
    public static async Task<DemoClient> SignInAsync(Uri gateway, string emailOutbox, DemoAccount account, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = gateway };
        // Logging in first: registering an address that has an account would e-mail its owner a notice.
        if (await LogInAsync(http, account, cancellationToken) is not { } accessToken)
        {
            using (var registered = await http.PostAsJsonAsync("/users/register", new
                   {
                       email = account.Email, password = account.Password, displayName = account.DisplayName, phoneNumber = account.PhoneNumber, role = account.Role,
                   }, cancellationToken))
            {
                await EnsureAsync(registered, "register", cancellationToken);
            }
            accessToken = await LogInAsync(http, account, cancellationToken) ?? throw new InvalidOperationException($"{account.Email} cannot log in after registering");
        }
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var profile = await http.GetAsync(new Uri("/users/profile", UriKind.Relative), cancellationToken);
        await EnsureAsync(profile, "profile", cancellationToken);
        var me = await profile.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!me.GetProperty("emailVerified").GetBoolean())
        {
            var token = await VerificationTokenAsync(Path.Combine(emailOutbox, me.GetProperty("id").GetString()!), cancellationToken);
            using var verified = await http.PostAsJsonAsync("/users/verify-email", new { token }, cancellationToken);
            await EnsureAsync(verified, "verify-email", cancellationToken);
        }
        return new DemoClient(http, account.Email);
    }

    /// <summary>The access token, or null when the account does not exist yet (or the password is not this one).</summary>
    private static async Task<string?> LogInAsync(HttpClient http, DemoAccount account, CancellationToken cancellationToken)
    {
        using var login = await http.PostAsJsonAsync("/users/login", new { email = account.Email, password = account.Password }, cancellationToken);
        if (login.StatusCode == HttpStatusCode.Unauthorized) return null;
        await EnsureAsync(login, "login", cancellationToken);
        return (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static async Task<string> VerificationTokenAsync(string outbox, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Directory.Exists(outbox))
            {
                foreach (var mail in Directory.GetFiles(outbox))
                {
                    var match = VerificationLink().Match(await File.ReadAllTextAsync(mail, cancellationToken));
                    if (match.Success) return match.Groups[1].Value;
                }
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"no verification e-mail arrived in {outbox}");
    }

    [GeneratedRegex(@"verify-email\?token=([A-Za-z0-9_\-]+)")]
    private static partial Regex VerificationLink();

    public void Dispose() => Http.Dispose();
}
