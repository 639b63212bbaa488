using Microsoft.AspNetCore.Mvc.Testing;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// The sample service in-process, without a sidecar or a database: its settings are given directly instead
/// of through the secret store. For what is settled before either is used: start-up validation, access
/// tokens, logs, telemetry.
/// </summary>
internal static class SampleServiceAlone
{
    public static WebApplicationFactory<Program> With(IReadOnlyDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Dapr:SecretStore", "");
            web.UseSetting("ConnectionStrings:sample", $"Host=127.0.0.1;Port={LoopbackPort.Free()};Database=none;Username=none;Password=none");
            web.UseSetting("Database:MigrateOnStartup", "false");
            web.UseSetting("Jwt:PublicKey", TestTokens.PublicKeyPem);
            web.UseSetting("Telemetry:ZipkinEndpoint", "");
            foreach (var (key, value) in settings) web.UseSetting(key, value);
        });

    /// <summary>Starts it with <paramref name="settings"/>, which must fail, and returns why (the whole exception, inner ones included).</summary>
    public static string StartupFailure(IReadOnlyDictionary<string, string?> settings)
    {
        using var factory = With(settings);
        return Assert.ThrowsAny<Exception>(() => factory.Services).ToString();
    }
}
