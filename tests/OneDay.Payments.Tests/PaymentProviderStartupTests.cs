using System.Net;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Payments.Tests;

/// <summary>
/// The sandbox PG takes any card: outside Development payments starts with it only when told to, and otherwise
/// refuses to start, naming the setting. Each test has its own sidecars and database (a refused start leaves a
/// sidecar without its app).
/// </summary>
public sealed class PaymentProviderStartupTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("oneday_payments_startup_test");
        _dapr.WithSecret("ConnectionStrings:payments", _database.ConnectionString).WithSecret("ResidentNumbers:EncryptionKey", PaymentsFixture.ResidentNumberKey());
    }

    [Fact]
    public async Task In_production_without_the_explicit_setting_payments_refuses_to_start_and_names_the_setting()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            _dapr.StartServiceAsync<Program>("payments", new Dictionary<string, string?> { ["environment"] = "Production" }));

        var messages = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains("PaymentProvider:Sandbox", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_the_explicit_setting_wires_the_sandbox()
    {
        var payments = await _dapr.StartServiceAsync<Program>("payments", new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["PaymentProvider:Sandbox"] = "true",
            ["Database:MigrateOnStartup"] = "true",
        });
        using var client = payments.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }
}
