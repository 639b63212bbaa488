using System.Text.Json;

namespace OneDay.Users.Tests;

public sealed class OpenApiTests(UsersServiceFixture fixture) : IClassFixture<UsersServiceFixture>
{
    [Fact]
    public async Task The_service_describes_its_endpoints_for_the_gateways_docs()
    {
        using var client = fixture.Client();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))).RootElement;

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/users/register", paths);
        Assert.Contains("/users/login", paths);
        Assert.Contains("/users/profile", paths);
        Assert.Contains("/users/{id}/suspend", paths);
        Assert.Contains("/internal/users/{id}/eligibility", paths);
    }
}
