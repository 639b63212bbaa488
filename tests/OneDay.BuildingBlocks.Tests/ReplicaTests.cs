using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
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
        // In the service's own secret before any sidecar reads the file: the hung replica reads it through the probe's sidecar.
        _dapr.WithSecret("ConnectionStrings:sample", _database.ConnectionString, "sample");
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
    public async Task While_one_replica_hangs_publishing_another_does_not_spin_and_the_hung_publish_times_out_and_is_retried()
    {
        using var claims = new ClaimCounter();
        await using var probe = await EventProbe.StartAsync(_dapr, "probe", "user-created");
        // The hung replica reaches Dapr's gRPC API through a relay that stops answering once it has started.
        // The relay leads to the probe's sidecar: any sidecar publishes to the same broker.
        await using var hangingSidecar = TcpRelay.Start(0, $"127.0.0.1:{probe.Sidecar.GrpcPort}");
        var hung = await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?>
        {
            ["DAPR_GRPC_PORT"] = hangingSidecar.Port.ToString(CultureInfo.InvariantCulture),
            ["Outbox:PublishTimeout"] = "00:00:04",
            // Long enough that the healthy replica cannot publish the row before the test has read its timed-out state.
            ["Outbox:InitialBackoff"] = "00:00:03",
        });
        hangingSidecar.Hold();
        using var client = hung.CreateClient();
        using var response = await client.PostAsJsonAsync("/accounts", new OpenAccount("hung@oneday.kr", "멈춤"));
        var account = (await response.Content.ReadFromJsonAsync<AccountView>())!;

        // Started while the hung replica holds the row locked: the row counts as due, but this one cannot take it.
        var healthy = await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?> { ["Outbox:SweepInterval"] = "00:00:01" });
        OutboxMessage timedOut = null!;
        await Eventually.TrueAsync(async () => (timedOut = await RowOfAsync(healthy, account.Id)).Attempts >= 1, what: "the hung publish timing out");
        var claimsWhileHeld = claims.Of(healthy);
        hangingSidecar.Release();

        await probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("userId").GetGuid() == account.Id));
        await Eventually.TrueAsync(async () => (await RowOfAsync(healthy, account.Id)).SentAt is not null, what: "the retried row marked sent");
        // Its first pass and a sweep a second: a replica that spins runs hundreds in the seconds the other holds the row.
        Assert.InRange(claimsWhileHeld, 1, 8);
        Assert.Null(timedOut.SentAt);
        Assert.Contains("did not answer within", timedOut.LastError, StringComparison.Ordinal);
    }

    private static async Task<OutboxMessage> RowOfAsync(ServiceTestHost<Program> replica, Guid userId)
    {
        await using var scope = replica.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        return (await db.Set<OutboxMessage>().AsNoTracking().ToListAsync()).Single(m => m.Payload.Contains(userId.ToString(), StringComparison.Ordinal));
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
        // A row is marked sent just after its publish returns, so the last marks may trail the deliveries.
        await Eventually.TrueAsync(async () => await db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null) == 0, what: "every outbox row marked sent");
        Assert.Equal(40, await db.Welcomes.Select(w => w.UserId).Distinct().CountAsync());
    }

    /// <summary>Counts each host's outbox claim queries (metric oneday.outbox.claims; each host has its own meter factory).</summary>
    private sealed class ClaimCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<object, long> _counts = new();

        public ClaimCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "oneday.outbox.claims") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Meter.Scope is { } host) _counts.AddOrUpdate(host, value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long Of(ServiceTestHost<Program> replica) => _counts.GetValueOrDefault(replica.Services.GetRequiredService<IMeterFactory>());

        public void Dispose() => _listener.Dispose();
    }
}
