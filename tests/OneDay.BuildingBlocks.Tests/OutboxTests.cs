using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneDay.Persistence.Outbox;
using OneDay.SampleService.Accounts;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>
/// The transactional outbox end to end: the sample service writes an account and its UserCreated event
/// in one transaction; the dispatcher publishes through the emulator sidecar; a probe app receives what
/// any subscriber would, and the sample service's own inbox handler records its effect (a Welcome).
/// </summary>
public sealed class OutboxTests(SampleServiceFixture fixture) : IClassFixture<SampleServiceFixture>
{
    private Task<List<OutboxMessage>> OutboxAsync() => fixture.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task A_committed_change_publishes_its_event_once_continuing_the_requests_trace()
    {
        await using var probe = await EventProbe.StartAsync(fixture.Dapr, "probe-commit", "user-created");
        using var client = fixture.Service.CreateClient();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        AccountView account;
        // The client's side of the trace; the service runs in this process, so its spans join it too.
        using (new System.Diagnostics.Activity("client").SetParentId($"00-{traceId}-00f067aa0ba902b7-01").Start())
        {
            account = await fixture.OpenAccountAsync(client);
        }
        var received = await probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("userId").GetGuid() == account.Id));
        await Eventually.TrueAsync(async () => await fixture.WelcomesForAsync(account.Id) == 1);

        var published = Assert.Single(received, e => e.Data.GetProperty("userId").GetGuid() == account.Id);
        // The dispatcher marks the row sent when its batch commits, which may be just after a subscriber has the event.
        await Eventually.TrueAsync(async () => (await OutboxAsync()).Single(m => m.EventId.ToString() == published.Id).SentAt is not null,
            what: "the outbox row marked sent");
        var row = Assert.Single(await OutboxAsync(), m => m.EventId.ToString() == published.Id);
        Assert.Equal(published.Id, published.Data.GetProperty("eventId").GetString());
        Assert.Equal("Worker", published.Data.GetProperty("role").GetString());
        Assert.True(row.TraceParent?.Contains(traceId, StringComparison.Ordinal), $"stored {row.TraceParent}");
        Assert.Contains(traceId, published.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolled_back_change_publishes_nothing()
    {
        await using var probe = await EventProbe.StartAsync(fixture.Dapr, "probe-rollback", "user-created");
        using var client = fixture.Service.CreateClient();
        var before = (await OutboxAsync()).Count;

        using var response = await client.PostAsJsonAsync("/accounts?failAfterWrite=true", new OpenAccount("rollback@oneday.kr", "롤백"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // several sweeps of the dispatcher
        await fixture.Dapr.Cluster.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, (await OutboxAsync()).Count);
        Assert.DoesNotContain(probe.Received, e => e.Data.GetProperty("email").GetString() == "rollback@oneday.kr");
    }

    [Fact]
    public async Task A_dispatcher_killed_between_publish_and_mark_publishes_again_and_the_consumer_acts_once()
    {
        await using var probe = await EventProbe.StartAsync(fixture.Dapr, "probe-crash", "user-created");
        // The first time a dispatcher marks a row sent, its database session is killed, as by a crash:
        // the event is out, the mark is lost.
        await ExecuteAsync("""
            CREATE SEQUENCE crash_once; -- nextval is not rolled back with the killed transaction
            CREATE FUNCTION crash_on_first_mark() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.sent_at IS NOT NULL AND nextval('crash_once') = 1 THEN
                PERFORM pg_terminate_backend(pg_backend_pid());
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER crash_on_first_mark BEFORE UPDATE ON outbox_messages FOR EACH ROW EXECUTE FUNCTION crash_on_first_mark();
            """);
        try
        {
            using var client = fixture.Service.CreateClient();
            var account = await fixture.OpenAccountAsync(client);

            var received = await probe.WaitForAsync(events => events.Count(e => e.Data.GetProperty("userId").GetGuid() == account.Id) >= 2);
            await Eventually.TrueAsync(async () => (await OutboxAsync()).Single(m => m.Payload.Contains(account.Id.ToString(), StringComparison.Ordinal)).SentAt is not null);
            await fixture.Dapr.Cluster.WaitForIdleAsync();

            var deliveries = received.Where(e => e.Data.GetProperty("userId").GetGuid() == account.Id).ToList();
            Assert.Single(deliveries.Select(e => e.Id).Distinct());
            Assert.Equal(1, await fixture.WelcomesForAsync(account.Id));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER crash_on_first_mark ON outbox_messages; DROP FUNCTION crash_on_first_mark(); DROP SEQUENCE crash_once;");
        }
    }

    [Fact]
    public async Task A_sidecar_that_refuses_publishes_is_retried_with_backoff_and_the_event_arrives_once_it_is_back()
    {
        await using var probe = await EventProbe.StartAsync(fixture.Dapr, "probe-outage", "user-created");
        using var client = fixture.Service.CreateClient();

        await fixture.Service.StopSidecarAsync();
        AccountView account;
        try
        {
            account = await fixture.OpenAccountAsync(client);
            await Eventually.TrueAsync(async () => (await OutboxAsync()).Single(m => m.Payload.Contains(account.Id.ToString(), StringComparison.Ordinal)).Attempts >= 3);
        }
        finally
        {
            await fixture.Service.StartSidecarAsync();
        }
        var row = (await OutboxAsync()).Single(m => m.Payload.Contains(account.Id.ToString(), StringComparison.Ordinal));
        await probe.WaitForAsync(events => events.Any(e => e.Data.GetProperty("userId").GetGuid() == account.Id));
        await Eventually.TrueAsync(async () => await fixture.WelcomesForAsync(account.Id) == 1);

        Assert.Null(row.SentAt);
        Assert.NotNull(row.LastError);
        Assert.True(row.NextAttemptAt > row.CreatedAt, "a failed publish waits before the next try");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

}
