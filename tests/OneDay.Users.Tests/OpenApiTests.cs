using System.Text.Json;

namespace OneDay.Users.Tests;

public sealed class OpenApiTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    [Fact]
    public async Task The_service_describes_its_public_endpoints_for_the_gateways_docs_and_no_internal_route()
    {
        using var client = fixture.Client();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/users/register", paths);
        Assert.Contains("/users/login", paths);
        Assert.Contains("/users/profile", paths);
        Assert.Contains("/users/{id}/suspend", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal/", StringComparison.Ordinal));
        // "Try it" in /docs must call the gateway that serves the page, not the service's own port.
        Assert.Equal(["/"], document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
    }
}
