using System.Net;
using System.Text.Json;
using OneDay.DaprEmulator.Tests.Infrastructure;

namespace OneDay.DaprEmulator.Tests;

/// <summary>Service invocation, access control and resiliency: docs/dapr-sidecar.md §C.2, §C.4, §D.3, §D.4.</summary>
public sealed class InvocationTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpClient> CallerAsync(string callerAppId, string targetAppId)
    {
        await _host.StartAppAsync(targetAppId);
        var caller = await _host.StartSidecarOnlyAsync(callerAppId);
        return _host.Client(caller).CreateInvokableHttpClient(targetAppId);
    }

    [Fact]
    public async Task C4_the_callee_app_receives_the_call_with_callers_identity_and_a_continued_trace()
    {
        var http = await CallerAsync("checkout", "orders");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo/items/7?size=L")
        {
            Content = new StringContent("""{"qty":2}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Request-Id", "req-1");
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        using var response = await http.SendAsync(request);
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("POST", echo.GetProperty("method").GetString());
        Assert.Equal("/echo/items/7", echo.GetProperty("path").GetString());
        Assert.Equal("?size=L", echo.GetProperty("query").GetString());
        Assert.Equal("""{"qty":2}""", echo.GetProperty("body").GetString());
        var headers = echo.GetProperty("headers");
        Assert.Equal("req-1", headers.GetProperty("x-request-id").GetString());
        Assert.Equal("checkout", headers.GetProperty("dapr-caller-app-id").GetString());
        Assert.Equal("orders", headers.GetProperty("dapr-callee-app-id").GetString());
        var traceparent = headers.GetProperty("traceparent").GetString()!;
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", traceparent, StringComparison.Ordinal);
        Assert.DoesNotContain("b7ad6b7169203331", traceparent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task C4_the_apps_status_headers_and_body_come_back_unchanged()
    {
        var http = await CallerAsync("checkout", "orders");

        using var response = await http.GetAsync(new Uri("/echo/teapot?status=418", UriKind.Relative));

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        Assert.Equal("GET", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("PUT", 201)]
    [InlineData("PATCH", 202)]
    [InlineData("DELETE", 409)]
    public async Task C4_PUT_PATCH_and_DELETE_reach_the_app_with_body_and_query_and_their_status_comes_back(string verb, int status)
    {
        var http = await CallerAsync("checkout", "orders");
        using var request = new HttpRequestMessage(new HttpMethod(verb), $"/echo/items/7?size=L&status={status}")
        {
            Content = new StringContent("""{"qty":3}""", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await http.SendAsync(request);
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        Assert.Equal(verb, echo.GetProperty("method").GetString());
        Assert.Equal("/echo/items/7", echo.GetProperty("path").GetString());
        Assert.Equal($"?size=L&status={status}", echo.GetProperty("query").GetString());
        Assert.Equal("""{"qty":3}""", echo.GetProperty("body").GetString());
        Assert.Equal("application/json; charset=utf-8", echo.GetProperty("headers").GetProperty("content-type").GetString());
    }

    [Fact]
    public async Task C4_a_dapr_app_id_header_invokes_the_whole_path_on_that_app()
    {
        await _host.StartAppAsync("orders");
        var caller = await _host.StartSidecarOnlyAsync("gateway");
        using var http = new HttpClient { BaseAddress = caller.HttpEndpoint };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/via-header");
        request.Headers.Add("dapr-app-id", "orders");

        using var response = await http.SendAsync(request);
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("/echo/via-header", echo.GetProperty("path").GetString());
        Assert.Equal("gateway", echo.GetProperty("headers").GetProperty("dapr-caller-app-id").GetString());
    }

    [Fact]
    public async Task D3_access_control_denies_a_caller_the_operations_its_policy_denies_with_403()
    {
        var http = await CallerAsync("outsider", "orders");

        using var denied = await http.GetAsync(new Uri("/internal/orders/secret", UriKind.Relative));
        using var allowed = await http.GetAsync(new Uri("/public/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("ERR_DIRECT_INVOKE", JsonDocument.Parse(await denied.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain(_host.Recorder.Requests, r => r.Path == "/internal/orders/secret");
    }

    // Contract: "**" takes zero or more segments, so /internal/** also names /internal itself (dapr v1.16.9
    // pkg/config/acl_trie.go, Search: at the path's last segment a "/**" child matches).
    [Fact]
    public async Task D3_a_double_wildcard_rule_also_covers_the_path_it_hangs_from()
    {
        var outsider = await CallerAsync("outsider", "orders");
        var trusted = await CallerAsync("trusted", "orders");

        using var denied = await outsider.GetAsync(new Uri("/internal", UriKind.Relative));
        using var allowed = await trusted.GetAsync(new Uri("/internal?page=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
        Assert.Single(_host.Recorder.Requests, r => r.Path == "/internal");
    }

    [Fact]
    public async Task D3_an_allowed_operation_is_limited_to_its_verbs_and_the_policy_default_applies_elsewhere()
    {
        var http = await CallerAsync("trusted", "orders");

        using var get = await http.GetAsync(new Uri("/internal/orders/secret", UriKind.Relative));
        using var post = await http.PostAsync(new Uri("/internal/orders/secret", UriKind.Relative), null);
        using var elsewhere = await http.GetAsync(new Uri("/public/orders", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    [Fact]
    public async Task D4_a_retry_policy_retries_the_matching_status_until_the_callee_answers()
    {
        var http = await CallerAsync("checkout", "callee");

        using var response = await http.GetAsync(new Uri("/unavailable", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _host.Recorder.At("/unavailable").Count);
    }

    [Fact]
    public async Task D4_a_status_the_policy_does_not_match_is_not_retried()
    {
        var http = await CallerAsync("checkout", "callee");

        using var response = await http.GetAsync(new Uri("/failing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(_host.Recorder.At("/failing"));
    }

    [Fact]
    public async Task D4_a_timeout_policy_cuts_a_slow_call_short()
    {
        var http = await CallerAsync("checkout", "callee");

        using var response = await http.GetAsync(new Uri("/slow", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ERR_DIRECT_INVOKE", error.GetProperty("errorCode").GetString());
        Assert.Contains("deadline exceeded", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task D4_a_circuit_breaker_opens_after_consecutive_failures_and_stops_calling_the_app()
    {
        var http = await CallerAsync("checkout", "fragile");

        for (var i = 0; i < 3; i++)
        {
            using var failing = await http.GetAsync(new Uri("/failing", UriKind.Relative));
            Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        }
        using var rejected = await http.GetAsync(new Uri("/failing", UriKind.Relative));

        Assert.Contains("circuit breaker is open", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, _host.Recorder.At("/failing").Count);
    }

    [Fact]
    public async Task C4_invoking_an_app_id_nobody_runs_fails_with_ERR_DIRECT_INVOKE()
    {
        var caller = await _host.StartSidecarOnlyAsync("checkout");
        var http = _host.Client(caller).CreateInvokableHttpClient("nobody");

        using var response = await http.GetAsync(new Uri("/anything", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
