using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OneDay.DaprEmulator.Tests.Infrastructure;
using Dapr.Actors;
using Dapr.Actors.Client;
using OneDay.DaprEmulator.Tests.TestApp;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// The pubsub.redis and state.redis components keep their data in the real Redis, in components-contrib's
/// layout (docs/dapr-pubsub-brokers.md, docs/dapr-state-and-actors.md), so nothing is lost when the
/// emulator or Redis restarts and daprd could read the same server.
/// </summary>
public sealed class RedisBackedComponentsTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(_host.Resources.Redis.Address);

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task B6_a_published_event_is_an_entry_of_the_topics_stream_with_data_and_metadata_fields()
    {
        var publisher = await _host.StartSidecarOnlyAsync("checkout");

        await _host.Client(publisher).PublishEventAsync("pubsub", "orders", new OrderPlaced("in-redis", 5),
            new Dictionary<string, string> { ["priority"] = "high" });

        var entry = Assert.Single(await _redis.GetDatabase().StreamRangeAsync("orders"));
        var cloudEvent = JsonDocument.Parse((string)entry["data"]!).RootElement;
        Assert.Equal("in-redis", cloudEvent.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal("checkout", cloudEvent.GetProperty("source").GetString());
        Assert.Equal("high", JsonDocument.Parse((string)entry["metadata"]!).RootElement.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task B6_each_app_id_reads_through_a_consumer_group_of_its_own_named_after_it()
    {
        var orders = await _host.StartAppAsync("orders");
        await _host.Client(orders.Sidecar).PublishEventAsync("pubsub", "orders", new OrderPlaced("grouped", 1));
        await _host.Cluster.WaitForIdleAsync();

        var group = Assert.Single(await _redis.GetDatabase().StreamGroupInfoAsync("orders"));
        Assert.Equal("orders", group.Name);
        Assert.Equal(0, group.PendingMessageCount);
        Assert.Single(_host.Recorder.At("/events/orders"));
    }

    [Fact]
    public async Task B4_an_event_left_unacknowledged_when_the_emulator_stops_is_delivered_by_the_next_one_from_redis()
    {
        var accepting = false;
        void Routes(WebApplication app)
        {
            app.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubname = "pubsub", topic = "payouts", route = "/payouts" } }));
            app.MapPost("/payouts", () => Volatile.Read(ref accepting) ? Results.Ok() : Results.StatusCode(500));
        }
        var sidecar = await _host.StartRawAppAsync("ledger", Routes);
        await _host.Client(sidecar).PublishEventAsync("pubsub", "payouts", new OrderPlaced("payout-1", 10_000));
        await _host.Recorder.WaitUntilAsync(r => r.At("/payouts").Count >= 1, TimeSpan.FromSeconds(10));
        Assert.Equal(1, (await _redis.GetDatabase().StreamPendingAsync("payouts", "ledger")).PendingMessageCount);

        // The emulator goes away with the event pending in Redis; a new one, knowing nothing of it, starts.
        var appPort = sidecar.Options.AppPort;
        await _host.RestartEmulatorAsync();
        Volatile.Write(ref accepting, true);
        var seenBefore = _host.Recorder.At("/payouts").Count;
        await _host.StartSidecarForAsync("ledger", appPort);

        await _host.Recorder.WaitUntilAsync(r => r.At("/payouts").Count > seenBefore, TimeSpan.FromSeconds(10));
        await OneDay.Testing.Eventually.TrueAsync(async () => (await _redis.GetDatabase().StreamPendingAsync("payouts", "ledger")).PendingMessageCount == 0, TimeSpan.FromSeconds(15), "the redelivered event acknowledged");
        Assert.Contains("payout-1", _host.Recorder.At("/payouts")[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B6_events_published_while_redis_restarts_around_them_are_all_delivered()
    {
        var orders = await _host.StartAppAsync("orders");
        var client = _host.Client(orders.Sidecar);
        await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("before-restart", 1));
        await _host.Cluster.WaitForIdleAsync();

        await _host.Resources.Redis.KillAsync();
        await _host.Resources.Redis.StartAgainAsync();
        // Published once Redis answers again: the emulator reconnects on its own.
        await OneDay.Testing.Eventually.TrueAsync(async () =>
        {
            try
            {
                await client.PublishEventAsync("pubsub", "orders", new OrderPlaced("after-restart", 2));
                return true;
            }
            catch (Dapr.DaprException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "publishing after Redis restarted");

        await _host.Recorder.WaitUntilAsync(r => r.At("/events/orders").Any(e => e.Body.Contains("after-restart", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        var bodies = _host.Recorder.At("/events/orders").Select(e => e.Body).ToList();
        Assert.Single(bodies, b => b.Contains("before-restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A4_a_reminder_due_while_the_emulator_is_down_fires_once_after_it_restarts_with_the_actors_state()
    {
        var jobs = await _host.StartAppAsync("jobs");
        var options = EmulatorTestHost.ActorOptions(jobs.Sidecar);
        await ActorProxy.Create<ICounterActor>(new ActorId("r-9"), nameof(CounterActor), options).IncrementAsync(3);
        await ActorProxy.Create<IReminderActor>(new ActorId("r-9"), nameof(ReminderActor), options).RemindAsync("expire", 600, 0, "deadline");

        // The emulator stops before the reminder is due; a new one on the same Redis knows it only from there.
        await _host.RestartEmulatorAsync();
        await Task.Delay(700);
        var sidecar = await _host.StartSidecarForAsync("jobs", jobs.Port);

        await _host.Recorder.WaitUntilAsync(r => r.Notes.Contains("reminder:r-9:expire:deadline"), TimeSpan.FromSeconds(10));
        Assert.Equal(3, await ActorProxy.Create<ICounterActor>(new ActorId("r-9"), nameof(CounterActor), EmulatorTestHost.ActorOptions(sidecar)).GetAsync());
        await OneDay.Testing.Eventually.TrueAsync(async () => !(await _redis.GetDatabase().KeyExistsAsync("dapr-emulator||reminders||ReminderActor||r-9||expire")),
            TimeSpan.FromSeconds(5), "the fired one-shot reminder forgotten in Redis");
        Assert.Single(_host.Recorder.Notes, n => n == "reminder:r-9:expire:deadline");
    }

    [Fact]
    public async Task C4_a_sidecar_whose_redis_is_down_is_not_ready_until_redis_answers()
    {
        await _host.Resources.Redis.KillAsync();
        var sidecar = await _host.StartSidecarOnlyAsync("cart");
        using var http = new HttpClient { BaseAddress = sidecar.HttpEndpoint };
        await Task.Delay(500);

        using (var down = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, down.StatusCode);
        }
        await _host.Resources.Redis.StartAgainAsync();

        await OneDay.Testing.Eventually.TrueAsync(async () =>
        {
            using var ready = await http.GetAsync(new Uri("/v1.0/healthz", UriKind.Relative));
            return ready.StatusCode == System.Net.HttpStatusCode.NoContent;
        }, TimeSpan.FromSeconds(15), "the sidecar ready once Redis answers");
        await _host.Client(sidecar).SaveStateAsync("statestore", "after", 1);
    }

    [Fact]
    public async Task C5_saved_state_is_a_hash_of_data_and_version_that_survives_a_new_emulator()
    {
        var sidecar = await _host.StartSidecarOnlyAsync("cart");
        var client = _host.Client(sidecar);
        await client.SaveStateAsync("statestore", "basket", new OrderPlaced("kept", 3));
        await client.SaveStateAsync("statestore", "basket", new OrderPlaced("kept", 4));

        var stored = (await _redis.GetDatabase().HashGetAllAsync("cart||basket")).ToDictionary(e => (string)e.Name!, e => e.Value);
        Assert.Equal("2", (string)stored["version"]!);
        Assert.Equal(4, JsonDocument.Parse((string)stored["data"]!).RootElement.GetProperty("amount").GetInt32());

        await _host.RestartEmulatorAsync();
        var again = _host.Client(await _host.StartSidecarOnlyAsync("cart"));
        var (value, etag) = await again.GetStateAndETagAsync<OrderPlaced>("statestore", "basket");
        Assert.Equal(new OrderPlaced("kept", 4), value);
        Assert.Equal("2", etag);
    }

    [Fact]
    public async Task C5_state_written_by_daprds_layout_is_read_with_its_version_as_etag()
    {
        // What components-contrib's state.redis leaves in Redis for key "basket" of app "cart".
        await _redis.GetDatabase().HashSetAsync("cart||basket", [new HashEntry("data", "{\"orderId\":\"from-daprd\",\"amount\":9}"), new HashEntry("version", 7)]);
        var client = _host.Client(await _host.StartSidecarOnlyAsync("cart"));

        var (value, etag) = await client.GetStateAndETagAsync<OrderPlaced>("statestore", "basket");

        Assert.Equal(new OrderPlaced("from-daprd", 9), value);
        Assert.Equal("7", etag);
        Assert.False(await client.TrySaveStateAsync("statestore", "basket", value, "6"));
        Assert.True(await client.TrySaveStateAsync("statestore", "basket", value with { Amount = 10 }, "7"));
    }
}
