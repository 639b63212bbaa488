using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>The sample service on a fresh database beside its sidecar, shared by one test class.</summary>
public sealed class SampleServiceFixture : IAsyncLifetime
{
    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Dapr.WithSecret("ConnectionStrings:sample", Database.ConnectionString);
        Service = await Dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?>
        {
            ["Outbox:SweepInterval"] = "00:00:00.200",
            ["Outbox:InitialBackoff"] = "00:00:00.100",
            // Capped so that a long sidecar outage on a slow machine cannot push the next try past the
            // tests' 20-second wait once the sidecar is back.
            ["Outbox:MaxBackoff"] = "00:00:01",
        });
    }

    /// <summary>Runs a query against the service's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<SampleDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SampleDbContext>());
    }

    /// <summary>Opens an account through the API (which publishes UserCreated) and returns it.</summary>
    public async Task<AccountView> OpenAccountAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/accounts", new OpenAccount($"{Guid.NewGuid():N}@oneday.kr", "김민수"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AccountView>())!;
    }

    public Task<int> WelcomesForAsync(Guid userId) => QueryAsync(db => db.Welcomes.CountAsync(w => w.UserId == userId));

    public async Task DisposeAsync()
    {
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}
