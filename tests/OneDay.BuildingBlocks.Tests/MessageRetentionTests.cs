using Npgsql;
using OneDay.Testing;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>Outbox rows already published and inbox rows already handled are deleted once past their time, and nothing else is.</summary>
public sealed class MessageRetentionTests : IAsyncLifetime
{
    private readonly DaprTestEnvironment _dapr = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _dapr.WithSecret("ConnectionStrings:sample", _database.ConnectionString);
        await _dapr.StartServiceAsync<Program>("sample", new Dictionary<string, string?>
        {
            ["MessageRetention:SweepInterval"] = "00:00:00.200",
            ["MessageRetention:BatchSize"] = "10",
        });
    }

    public async Task DisposeAsync()
    {
        await _dapr.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Rows_done_with_longer_ago_than_their_retention_are_deleted_in_batches_and_the_rest_kept()
    {
        // Defaults: sent outbox rows are kept 7 days, handled inbox rows 30. 25 of each are past that (the batch is 10).
        await ExecuteAsync("""
            INSERT INTO outbox_messages (event_id, topic, event_type, payload, created_at, next_attempt_at, attempts, sent_at)
            SELECT gen_random_uuid(), 'retention', 'Sent8DaysAgo', '{}', now() - interval '8 days', now() - interval '8 days', 0, now() - interval '8 days'
            FROM generate_series(1, 25);
            INSERT INTO outbox_messages (event_id, topic, event_type, payload, created_at, next_attempt_at, attempts, sent_at) VALUES
              (gen_random_uuid(), 'retention', 'Sent6DaysAgo', '{}', now() - interval '6 days', now() - interval '6 days', 0, now() - interval '6 days'),
              (gen_random_uuid(), 'retention', 'UnsentFor30Days', '{}', now() - interval '30 days', now() + interval '1 day', 40, NULL);
            INSERT INTO inbox_messages (event_id, consumer, topic, handled_at)
            SELECT gen_random_uuid(), 'Handled31DaysAgo', 'retention', now() - interval '31 days' FROM generate_series(1, 25);
            INSERT INTO inbox_messages (event_id, consumer, topic, handled_at) VALUES (gen_random_uuid(), 'Handled29DaysAgo', 'retention', now() - interval '29 days');
            """);

        await Eventually.TrueAsync(async () => await CountAsync("SELECT count(*) FROM outbox_messages WHERE event_type = 'Sent8DaysAgo'") == 0
            && await CountAsync("SELECT count(*) FROM inbox_messages WHERE consumer = 'Handled31DaysAgo'") == 0, what: "the old rows deleted");

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM outbox_messages WHERE event_type = 'Sent6DaysAgo'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM outbox_messages WHERE event_type = 'UnsentFor30Days'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM inbox_messages WHERE consumer = 'Handled29DaysAgo'"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
