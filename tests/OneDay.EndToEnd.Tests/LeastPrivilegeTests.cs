using System.Net;
using System.Text;
using System.Text.Json;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.EndToEnd.Tests;

/// <summary>
/// What a process on the same host (in Kubernetes, any compromised pod) can do against the repository's own
/// components and the API tokens scripts/run.sh sets: without the tokens nothing; with a leaked sidecar token,
/// still only what that sidecar's app owns.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LeastPrivilegeTests(OneDaySystem system)
{
    [Fact]
    public async Task Redis_answers_no_one_without_its_password()
    {
        // The components' Redis (events, workflow and actor state) and the services' own (the SignalR backplane,
        // popular keywords), the latter as scripts/infra.sh starts it for every local run.
        var servicesRedis = StackExchange.Redis.ConfigurationOptions.Parse(await TestServers.RedisAsync());
        var servicesRedisAddress = servicesRedis.EndPoints[0].ToString()!;

        Assert.StartsWith("-NOAUTH", await PrivateRedisServer.PingAsync(system.ComponentsRedis.Address), StringComparison.Ordinal);
        Assert.EndsWith("+PONG", await PrivateRedisServer.PingAsync(system.ComponentsRedis.Address, system.ComponentsRedis.Password), StringComparison.Ordinal);
        Assert.StartsWith("-NOAUTH", await PrivateRedisServer.PingAsync(servicesRedisAddress), StringComparison.Ordinal);
        Assert.EndsWith("+PONG", await PrivateRedisServer.PingAsync(servicesRedisAddress, servicesRedis.Password), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_api_token_a_sidecar_answers_nothing_but_its_health()
    {
        using var sidecar = new HttpClient { BaseAddress = system.App("gateway").Sidecar.HttpEndpoint };

        using var secret = await sidecar.GetAsync(new Uri("/v1.0/secrets/secretstore/users", UriKind.Relative));
        using var health = await sidecar.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, secret.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }

    [Fact]
    public async Task With_the_api_token_the_gateways_sidecar_still_refuses_the_users_secret_that_users_sidecar_gives_users()
    {
        using var gateway = SidecarWithToken("gateway");
        using var users = SidecarWithToken("users");

        using var refused = await gateway.GetAsync(new Uri("/v1.0/secrets/secretstore/users", UriKind.Relative));
        using var shared = await gateway.GetAsync(new Uri("/v1.0/secrets/secretstore/shared", UriKind.Relative));
        using var given = await users.GetAsync(new Uri("/v1.0/secrets/secretstore/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("ERR_PERMISSION_DENIED", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
        Assert.DoesNotContain("SigningKey", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Contains("Jwt:SigningKey", JsonDocument.Parse(await given.Content.ReadAsStringAsync()).RootElement.EnumerateObject().Select(key => key.Name));
    }

    [Fact]
    public async Task An_internal_route_called_on_the_app_port_without_the_sidecars_app_token_is_refused()
    {
        using var users = new HttpClient { BaseAddress = system.App("users").BaseAddress };

        using var response = await users.GetAsync(new Uri($"/internal/users/{Guid.NewGuid()}/payout-account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("search", "user-updated")]
    [InlineData("notifications", "payment-completed")]
    [InlineData("chat", "job-created")]
    [InlineData("jobs", "user-deleted")]
    public async Task A_sidecar_refuses_to_publish_an_event_its_app_does_not_own(string appId, string topic)
    {
        using var sidecar = SidecarWithToken(appId);
        var forged = JsonSerializer.Serialize(new { eventId = Guid.NewGuid(), userId = Guid.NewGuid(), displayName = "위조" });

        using var response = await sidecar.PostAsync(new Uri($"/v1.0/publish/pubsub/{topic}", UriKind.Relative),
            new StringContent(forged, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ERR_PUBSUB_FORBIDDEN", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errorCode").GetString());
    }

    /// <summary>A client of <paramref name="appId"/>'s sidecar holding the API token, as a leaked token would give.</summary>
    private HttpClient SidecarWithToken(string appId)
    {
        var sidecar = new HttpClient { BaseAddress = system.App(appId).Sidecar.HttpEndpoint };
        sidecar.DefaultRequestHeaders.Add("dapr-api-token", system.DaprApiToken);
        return sidecar;
    }
}
