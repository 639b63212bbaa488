using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>What AddServiceDefaults and MapDefaultEndpoints give every service.</summary>
public sealed class ServiceDefaultsTests(SampleServiceFixture fixture) : IClassFixture<SampleServiceFixture>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        return problem;
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing()
    {
        using var client = fixture.Service.CreateClient();
        var before = await fixture.QueryAsync(db => Task.FromResult(db.Accounts.Count()));

        using var response = await client.PostAsync(new Uri("/accounts", UriKind.Relative), new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.QueryAsync(db => Task.FromResult(db.Accounts.Count())));
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_validation_problem_naming_each_field()
    {
        using var client = fixture.Service.CreateClient();

        using var response = await client.PostAsJsonAsync("/accounts", new { email = "not-an-email", displayName = "x" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Email", out _) || errors.TryGetProperty("email", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("DisplayName", out _) || errors.TryGetProperty("displayName", out _), errors.ToString());
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_internals()
    {
        using var client = fixture.Service.CreateClient();

        using var response = await client.GetAsync(new Uri("/accounts/failure", UriKind.Relative));

        await ProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_verbs_are_404_and_405_problems()
    {
        using var client = fixture.Service.CreateClient();

        using var missing = await client.GetAsync(new Uri("/no-such-thing", UriKind.Relative));
        using var verb = await client.DeleteAsync(new Uri("/accounts", UriKind.Relative));

        await ProblemAsync(missing, HttpStatusCode.NotFound);
        await ProblemAsync(verb, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        using var client = fixture.Service.CreateClient();
        var huge = JsonSerializer.SerializeToUtf8Bytes(new { email = "a@b.kr", displayName = new string('가', 1_000_000) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts") { Content = new ByteArrayContent(huge) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        // As a well-behaved client does with a large body: the server can refuse it before it is sent.
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_valid_token_identifies_the_caller_from_its_sub_claim()
    {
        var userId = Guid.NewGuid();
        using var client = fixture.Service.CreateClient(TestTokens.For(userId, UserRole.Worker));

        var me = await client.GetFromJsonAsync<JsonElement>("/accounts/me");

        Assert.Equal(userId, me.GetProperty("userId").GetGuid());
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "expired", TestTokens.For(Guid.NewGuid(), UserRole.Employer, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddMinutes(-10)) },
        { "signed by another key", TestTokens.SignedByAnotherKey(Guid.NewGuid(), UserRole.Employer) },
        { "alg none", TestTokens.WithoutSignature(Guid.NewGuid(), UserRole.Employer) },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_is_not_valid_is_refused_with_401(string why, string token)
    {
        using var client = fixture.Service.CreateClient(token);

        using var response = await client.GetAsync(new Uri($"/accounts/{Guid.NewGuid()}", UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
    }

    [Fact]
    public async Task A_caller_without_the_required_role_gets_403_and_one_with_it_gets_through()
    {
        using var worker = fixture.Service.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Worker));
        using var employer = fixture.Service.CreateClient(TestTokens.For(Guid.NewGuid(), UserRole.Employer));

        using var forbidden = await worker.GetAsync(new Uri($"/accounts/{Guid.NewGuid()}", UriKind.Relative));
        using var allowed = await employer.GetAsync(new Uri($"/accounts/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_report_liveness_and_readiness_with_database_and_sidecar()
    {
        using var client = fixture.Service.CreateClient();

        using var live = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var dapr = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dapr.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("dapr-sidecar").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_are_served_for_prometheus()
    {
        using var client = fixture.Service.CreateClient();
        using (await client.GetAsync(new Uri("/health", UriKind.Relative))) { }

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("6.6.6.6, 203.0.113.9", "203.0.113.9")]
    [InlineData("6.6.6.6, 203.0.113.9, 127.0.0.1", "203.0.113.9")]
    public async Task The_client_is_the_rightmost_forwarded_address_that_is_not_a_trusted_proxy(string forwardedFor, string client)
    {
        using var http = fixture.Service.CreateClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);

        var answer = await http.GetFromJsonAsync<JsonElement>("/accounts/client");

        Assert.Equal(client, answer.GetProperty("address").GetString());
    }
}
