using Microsoft.AspNetCore.Mvc.Testing;
using OneDay.Testing;

namespace OneDay.Search.Tests;

/// <summary>A search setting that cannot work stops the service at start-up, naming the setting.</summary>
public sealed class SearchStartupTests
{
    [Theory]
    [InlineData("Search:MaxConnections", "0")]
    [InlineData("PopularKeywords:MaxPending", "0")]
    public void A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // No sidecar, database or Redis is needed to find a setting wrong: nothing is reached before it.
            web.UseSetting("Dapr:SecretStore", "");
            web.UseSetting("ConnectionStrings:search", $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=none;Username=none;Password=none");
            web.UseSetting("ConnectionStrings:redis", $"127.0.0.1:{LoopbackPort.Free()}");
            web.UseSetting("Database:MigrateOnStartup", "false");
            web.UseSetting("Jwt:PublicKey", TestTokens.PublicKeyPem);
            web.UseSetting(key, value);
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Services).ToString();

        Assert.Contains(key, failure, StringComparison.Ordinal);
    }
}
