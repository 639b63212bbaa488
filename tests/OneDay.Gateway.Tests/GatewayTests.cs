using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OneDay.Contracts;
using OneDay.DaprEmulator.Hosting;
using OneDay.Testing;

namespace OneDay.Gateway.Tests;

/// <summary>The gateway as clients use it: prefix routing through Dapr, authentication, limits, failures, hubs.</summary>
public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client(string? token = null) => fixture.Gateway.CreateClient(token);

    private static string WorkerToken() => TestTokens.For(Guid.NewGuid(), UserRole.Worker);

    [Theory]
    [InlineData("/users/profile", "users")]
    [InlineData("/jobs/applications/mine", "jobs")]
    [InlineData("/payments/wallet", "payments")]
    public async Task Each_prefix_reaches_its_service_through_the_gateways_sidecar(string path, string appId)
    {
        using var client = Client(WorkerToken());

        var echo = await client.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(appId, echo.GetProperty("appId").GetString());
        Assert.Equal(path, echo.GetProperty("path").GetString());
        Assert.Equal("gateway", echo.GetProperty("headers").GetProperty("dapr-caller-app-id").GetString());
        Assert.StartsWith("Bearer ", echo.GetProperty("headers").GetProperty("authorization").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/internal/users/00000000-0000-0000-0000-000000000001/eligibility")]
    [InlineData("/internal/jobs")]
    public async Task Internal_routes_are_not_reachable_from_outside(string path)
    {
        using var client = Client(TestTokens.For(Guid.NewGuid(), UserRole.Admin));

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Client_sent_identity_and_dapr_headers_are_removed()
    {
        using var client = Client(WorkerToken());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/profile");
        request.Headers.Add("X-User-Id", "someone-else");
        request.Headers.Add("X-User-Role", "Admin");
        request.Headers.Add("dapr-app-id", "payments");

        using var response = await client.SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("users", echo.GetProperty("appId").GetString());
        var headers = echo.GetProperty("headers");
        Assert.False(headers.TryGetProperty("x-user-id", out _));
        Assert.False(headers.TryGetProperty("x-user-role", out _));
    }

    [Theory]
    [InlineData("/users/profile")]
    [InlineData("/no-such-prefix/anything")]
    [InlineData("/health")]
    public async Task Responses_name_no_server_software_and_forbid_content_sniffing(string path)
    {
        using var client = Client(WorkerToken());

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Empty(response.Headers.Server);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/users/..%5c")]
    [InlineData("/users/..%5cinternal")]
    [InlineData("/users/%2e%2e/jobs/1")]
    [InlineData("/jobs/%2E%2E%2Finternal%2Fjobs")]
    [InlineData("/users/a%5c..%5cprofile")]
    public async Task A_path_that_climbs_out_of_its_service_is_a_400_problem(string path)
    {
        // Written on the socket as given: HttpClient would resolve %2e%2e itself before sending.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Gateway.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {WorkerToken()}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync();

        Assert.True(response.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{path} answered: {response}");
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Health_and_metrics_answer_the_pod_itself_but_nothing_that_came_through_a_proxy(string path)
    {
        using var client = Client();
        using var direct = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, path);
        forwarded.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var throughIngress = await client.SendAsync(forwarded);
        using var rfc7239 = new HttpRequestMessage(HttpMethod.Get, path);
        rfc7239.Headers.Add("Forwarded", "for=203.0.113.9");
        using var throughOtherProxy = await client.SendAsync(rfc7239);
        using var sidecar = new HttpClient();
        using var throughDapr = await sidecar.GetAsync(new Uri(fixture.WebSidecar.HttpEndpoint, "/v1.0/invoke/gateway/method" + path));

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughIngress.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughOtherProxy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughDapr.StatusCode);
    }

    [Theory]
    [InlineData("/users/profile?q=%00")]
    [InlineData("/jobs?category=%00")]
    public async Task A_nul_character_in_the_query_string_is_a_400_problem(string path)
    {
        using var client = Client(WorkerToken());

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_protected_route_refuses_a_missing_or_expired_token_with_401()
    {
        using var anonymous = Client();
        using var expired = Client(TestTokens.For(Guid.NewGuid(), UserRole.Worker, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddMinutes(-5)));

        using var missing = await anonymous.GetAsync(new Uri("/users/profile", UriKind.Relative));
        using var stale = await expired.GetAsync(new Uri("/users/profile", UriKind.Relative));
        using var post = await anonymous.PostAsJsonAsync("/jobs", new { title = "상하차" });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_work_without_a_token()
    {
        using var client = Client();

        var jobs = await client.GetFromJsonAsync<JsonElement>("/jobs");
        var job = await client.GetFromJsonAsync<JsonElement>($"/jobs/{Guid.NewGuid()}");
        using var register = await client.PostAsJsonAsync("/users/register", new { email = "new@oneday.kr" });

        Assert.Equal("jobs", jobs.GetProperty("appId").GetString());
        Assert.Equal("jobs", job.GetProperty("appId").GetString());
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
    }

    [Fact]
    public async Task Login_attempts_beyond_the_burst_get_429_with_Retry_After_and_the_limit_recovers()
    {
        // The credentials bucket is per client address: 3 at once, then one per second (the fixture's settings).
        // This test is its own client, named by the ingress in front of the gateway, so no other test spends its budget.
        using var client = ClientThroughIngress();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var (statuses, refused) = await LogInUntilRefusedAsync(() => client.PostAsJsonAsync("/users/login", new { email = "a@b.kr", password = "x" }));

        Assert.NotNull(refused);
        using (refused)
        {
            var retryAfter = int.Parse(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(retryAfter >= 1);
            Assert.Equal("0", refused.Headers.GetValues("RateLimit-Remaining").Single());
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            await Task.Delay(TimeSpan.FromSeconds(retryAfter));
        }
        using var again = await client.PostAsJsonAsync("/users/login", new { email = "a@b.kr", password = "x" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_client_connecting_directly_cannot_pick_a_fresh_address_by_sending_forwarding_headers()
    {
        using var client = Client();
        var attempt = 0;

        var (statuses, refused) = await LogInUntilRefusedAsync(() =>
        {
            attempt++;
            var request = new HttpRequestMessage(HttpMethod.Post, "/users/login") { Content = JsonContent.Create(new { email = "a@b.kr", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{attempt}");
            request.Headers.Add("Forwarded", $"for=198.51.100.{attempt}");
            request.Headers.Add(ClientAddressHeader.Name, $"198.51.100.{attempt}");
            return client.SendAsync(request);
        });

        Assert.NotNull(refused);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        await WaitOutAsync(refused);
    }

    [Fact]
    public async Task Calls_from_the_web_client_are_limited_per_person_it_names_and_the_name_goes_no_further()
    {
        using var http = new HttpClient();
        Task<HttpResponseMessage> LogInVia(Sidecar sidecar, string person)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sidecar.HttpEndpoint, "/v1.0/invoke/gateway/method/users/login"))
            {
                Content = JsonContent.Create(new { email = "a@b.kr", password = "x" }),
            };
            request.Headers.Add(ClientAddressHeader.Name, person);
            return http.SendAsync(request);
        }

        var (first, refusedFirst) = await LogInUntilRefusedAsync(() => LogInVia(fixture.WebSidecar, "198.51.100.201"));
        using var second = await LogInVia(fixture.WebSidecar, "198.51.100.202");
        var echo = await second.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        refusedFirst!.Dispose();
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("198.51.100.202", echo.GetProperty("headers").GetProperty("x-forwarded-for").GetString(), StringComparison.Ordinal);
        Assert.False(echo.GetProperty("headers").TryGetProperty(ClientAddressHeader.Name.ToLowerInvariant(), out _));

        // Another app naming addresses is not believed: its calls are all one client, the gateway's sidecar.
        var attempt = 0;
        var (other, refusedOther) = await LogInUntilRefusedAsync(() => LogInVia(fixture.SearchSidecar, $"198.51.100.{++attempt}"));
        Assert.Contains(HttpStatusCode.TooManyRequests, other);
        await WaitOutAsync(refusedOther);
    }

    /// <summary>Login attempts one after another until the first 429 (at most eight).</summary>
    private static async Task<(List<HttpStatusCode> Statuses, HttpResponseMessage? Refused)> LogInUntilRefusedAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var response = await attempt();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (statuses, response);
            response.Dispose();
        }
        return (statuses, null);
    }

    /// <summary>Waits until a refused bucket has refilled, so the next test from the same address starts with its budget.</summary>
    private static async Task WaitOutAsync(HttpResponseMessage? refused)
    {
        if (refused is null) return;
        using (refused) await Task.Delay(refused.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(3));
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    /// <summary>A client whose connections come from <see cref="GatewayFixture.Ingress"/>, the trusted proxy.</summary>
    private HttpClient ClientThroughIngress()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(GatewayFixture.Ingress, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = fixture.Gateway.BaseAddress };
    }

    [Fact]
    public async Task A_service_that_is_not_running_answers_502_problem_details()
    {
        using var client = Client(WorkerToken());

        using var response = await client.GetAsync(new Uri("/chat/rooms", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_504_not_a_hang()
    {
        using var client = Client(WorkerToken());
        var started = DateTimeOffset.UtcNow;

        using var response = await client.GetAsync(new Uri("/jobs/slow", UriKind.Relative));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_signalr_client_connects_to_a_hub_through_the_gateway_over_websockets()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Gateway.BaseAddress, "/hubs/notifications"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.AccessTokenProvider = () => Task.FromResult<string?>(WorkerToken());
            })
            .Build();
        connection.On<string>("notification", message => received.TrySetResult(message));

        await connection.StartAsync();

        Assert.Equal("안녕하세요", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_hub_refuses_a_connection_without_a_token()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Gateway.BaseAddress, "/hubs/notifications"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
    }

    [Fact]
    public async Task The_api_reference_is_served_at_docs_and_the_gateway_is_ready_with_its_sidecar()
    {
        using var client = Client();

        using var docs = await client.GetAsync(new Uri("/docs", UriKind.Relative));
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("html", docs.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
    }
}
