using Npgsql;

namespace OneDay.Testing;

/// <summary>A fresh, empty PostgreSQL database (with pg_trgm and PostGIS when the server's template has them), dropped afterwards unless <see cref="KeptAsync"/> made it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly bool _kept;

    private TestDatabase(string server, string name, bool kept = false)
    {
        _server = server;
        _kept = kept;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string prefix = "oneday_test")
    {
        var server = await TestServers.PostgresAsync().ConfigureAwait(false);
        var database = new TestDatabase(server, $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)]);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        return database;
    }

    /// <summary>
    /// The database of that name, created when missing and left in place afterwards: for benchmarks whose
    /// data takes longer to load than the measurement takes to run.
    /// </summary>
    public static async Task<TestDatabase> KeptAsync(string name)
    {
        var server = await TestServers.PostgresAsync().ConfigureAwait(false);
        var database = new TestDatabase(server, name, kept: true);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync().ConfigureAwait(false) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_kept) return;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
