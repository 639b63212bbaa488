using System.Net;
using System.Net.Http.Json;
using OneDay.ServiceDefaults.Dapr;

namespace OneDay.Users.Tests;

/// <summary>
/// Who may reach users' internal routes, decided by the repository's own access-control policy: jobs asks
/// for eligibility, only payments reads a worker's whole bank account number, nobody else gets in; and
/// with an app token configured, a call that bypasses the sidecar is refused too.
/// </summary>
public sealed class InternalRouteAccessTests(InternalCallersFixture fixture) : IClassFixture<InternalCallersFixture>
{
    private const string Eligibility = "eligibility";
    private const string PayoutAccount = "payout-account";

    public static TheoryData<string, string, string, HttpStatusCode> Calls() => new()
    {
        { "jobs", "GET", Eligibility, HttpStatusCode.OK },
        { "jobs", "POST", Eligibility, HttpStatusCode.Forbidden },
        { "jobs", "GET", PayoutAccount, HttpStatusCode.Forbidden },
        { "payments", "GET", PayoutAccount, HttpStatusCode.OK },
        { "payments", "GET", Eligibility, HttpStatusCode.Forbidden },
        { "search", "GET", Eligibility, HttpStatusCode.Forbidden },
        { "search", "GET", PayoutAccount, HttpStatusCode.Forbidden },
        { "chat", "GET", Eligibility, HttpStatusCode.Forbidden },
        { "chat", "GET", PayoutAccount, HttpStatusCode.Forbidden },
        { "notifications", "GET", Eligibility, HttpStatusCode.Forbidden },
        { "notifications", "GET", PayoutAccount, HttpStatusCode.Forbidden },
        { "gateway", "GET", Eligibility, HttpStatusCode.Forbidden },
        { "gateway", "GET", PayoutAccount, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Each_app_reaches_only_the_internal_routes_the_policy_gives_it(string caller, string method, string route, HttpStatusCode expected)
    {
        var worker = await WorkerWithPayoutAccountAsync();
        using var users = fixture.UsersAs(caller);

        using var response = await users.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/internal/users/{worker.Id}/{route}"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{caller} {method} {route}: {(int)response.StatusCode} {body}");
        if (expected != HttpStatusCode.OK) Assert.DoesNotContain("12345678901234", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Eligibility)]
    [InlineData(PayoutAccount)]
    public async Task A_call_that_bypasses_the_sidecar_without_the_app_token_is_refused(string route)
    {
        var worker = await WorkerWithPayoutAccountAsync();
        using var direct = fixture.Client();
        using var withToken = fixture.Client();
        withToken.DefaultRequestHeaders.Add(DaprAppToken.Header, InternalCallersFixture.AppApiToken);
        using var wrongToken = fixture.Client();
        wrongToken.DefaultRequestHeaders.Add(DaprAppToken.Header, "not-the-app-token");

        using var withoutToken = await direct.GetAsync(new Uri($"/internal/users/{worker.Id}/{route}", UriKind.Relative));
        using var withWrongToken = await wrongToken.GetAsync(new Uri($"/internal/users/{worker.Id}/{route}", UriKind.Relative));
        using var asTheSidecar = await withToken.GetAsync(new Uri($"/internal/users/{worker.Id}/{route}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("application/problem+json", withoutToken.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asTheSidecar.StatusCode);
    }

    /// <summary>A verified worker with a registered payout account, so an allowed call to either route answers 200.</summary>
    private async Task<TestAccount> WorkerWithPayoutAccountAsync()
    {
        var worker = await fixture.RegisterVerifiedAsync();
        using var client = fixture.Client((await fixture.TokensForAsync(worker)).AccessToken);
        using var put = await client.PutAsJsonAsync("/users/profile", new
        {
            displayName = "김민수", phoneNumber = "010-5555-6666",
            payoutAccount = new { bankName = "국민은행", accountNumber = "123456-78-901234", accountHolder = "김민수" },
            currentPassword = worker.Password,
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return worker;
    }
}
