using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Persistence.Outbox;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>Two replicas of one service on one database: migrations, dispatchers and consumers side by side.</summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dapr.WithSecret("ConnectionStrings:sample", _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_committed_event_wakes_the_dispatcher_of_another_replica_long_before_its_sweep()
    {
        // Sweeps a minute apart: only NOTIFY, heard on the dispatchers' LISTEN connection, can publish within seconds.
        var settings = new Dictionary<string, string?> { ["Outbox:SweepInterval"] = "00:01:00" };
        await using var probe = await EventProbe.StartAsync(_dapr, "probe", "user-created");
        var replicas = await Task.WhenAll(
            _dapr.StartServiceAsync<Program>("sample", settings),
            _dapr.StartServiceAsync<Program>("sample", settings));
        // Past the first sweep each dispatcher makes as it starts.
        await Task.Delay(TimeSpan.FromSeconds(1));

        using var client = replicas[0].CreateClient();
        using var response = await client.PostAsJsonAsync("/accounts", new OpenAccount("listen@oneday.kr", "알림수신"));
        var account = (await response.Content.ReadFromJsonAsync<AccountView>())!;

        await probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("userId").GetGuid() == account.Id), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Two_replicas_migrate_together_and_their_dispatchers_lose_no_event()
    {
        var settings = new Dictionary<string, string?> { ["Outbox:SweepInterval"] = "00:00:00.200" };
        await using var probe = await EventProbe.StartAsync(_dapr, "probe", "user-created");
        var replicas = await Task.WhenAll(
            _dapr.StartServiceAsync<Program>("sample", settings),
            _dapr.StartServiceAsync<Program>("sample", settings));

        var opened = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var client = replicas[i % 2].CreateClient();
            using var response = await client.PostAsJsonAsync("/accounts", new OpenAccount($"replica-{i}@oneday.kr", $"작업자{i}"));
            return (await response.Content.ReadFromJsonAsync<AccountView>())!.Id;
        }));
        var received = await probe.WaitForAsync(events => events.Select(e => e.Id).Distinct().Count() >= 40);

        await using var scope = replicas[0].Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        await Eventually.TrueAsync(async () => await db.Welcomes.CountAsync() == 40, what: "one welcome per account");
        Assert.Equal(opened.Order(), received.Select(e => e.Data.GetProperty("userId").GetGuid()).Distinct().Order());
        Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
        Assert.Equal(40, await db.Welcomes.Select(w => w.UserId).Distinct().CountAsync());
    }
}
