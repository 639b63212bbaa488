using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// The backend of `state.postgresql` v2 components on a real PostgreSQL, with the table, statements and
/// ETag rules of components-contrib v1.16 state/postgresql/v2 (docs/dapr-state-and-actors.md), so daprd and
/// the emulator can take turns on one database: a row per key with the value's bytes, a random UUID etag
/// renewed by every write and `expires_at` for `ttlInSeconds`. Expiry is judged by the database's clock
/// (`now()`), as contrib's statements do, so both agree on which rows are live. A write with an etag
/// updates only a live row holding that etag; a transaction runs its operations in order in one database
/// transaction, so it is all-or-nothing.
/// </summary>
public sealed class PostgresStateStore : IStateStore, IAsyncDisposable
{
    private readonly string _name;
    private readonly PostgresStateSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource _database;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _get;
    private readonly string _upsert;
    private readonly string _firstWrite;
    private readonly string _update;
    private readonly string _delete;
    private readonly string _deleteIfEtag;
    private readonly string _keys;
    private volatile bool _schemaReady;
    private Task _cleanup = Task.CompletedTask;

    public PostgresStateStore(string name, PostgresStateSettings settings, TimeProvider time, ILogger logger)
    {
        _name = name;
        _settings = settings;
        _time = time;
        _logger = logger;
        _database = NpgsqlDataSource.Create(settings.ConnectionString);
        var table = settings.Table;
        const string live = "(expires_at IS NULL OR expires_at >= now())";
        // $3 is the TTL in seconds, NULL for none: the expiry becomes NULL with it, as contrib writes "NULL".
        const string expiry = "now() + $3 * interval '1 second'";
        _get = $"SELECT value, etag, expires_at FROM {table} WHERE key = $1 AND {live}";
        // An upsert even for first-write: the row may be expired but not yet cleaned up, and then it is replaced.
        _upsert = $"""
            INSERT INTO {table} AS t (key, value, etag, expires_at) VALUES ($1, $2, gen_random_uuid(), {expiry})
            ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiry}
            """;
        _firstWrite = _upsert + " WHERE (t.expires_at IS NOT NULL AND t.expires_at < now())";
        _update = $"UPDATE {table} SET value = $2, updated_at = now(), etag = gen_random_uuid(), expires_at = {expiry} WHERE key = $1 AND etag = $4 AND {live}";
        _delete = $"DELETE FROM {table} WHERE key = $1";
        _deleteIfEtag = $"DELETE FROM {table} WHERE key = $1 AND etag = $2";
        _keys = $"SELECT key FROM {table} WHERE key LIKE $1 AND {live}";
    }

    public Task<StateEntry?> GetAsync(string key, CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, token) =>
        {
            await using var command = Command(connection, _get, key);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            if (!await reader.ReadAsync(token).ConfigureAwait(false)) return null;
            return new StateEntry(
                reader.GetFieldValue<byte[]>(0),
                reader.GetGuid(1).ToString(),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
        }, cancellationToken);

    public Task TransactAsync(IReadOnlyList<StateOperation> operations, CancellationToken cancellationToken)
    {
        if (operations.Count == 0) return Task.CompletedTask;
        return WithConnectionAsync(async (connection, token) =>
        {
            // Contrib skips the transaction for a single operation; for more, a failure rolls back (dispose) all.
            await using var transaction = operations.Count > 1 ? await connection.BeginTransactionAsync(token).ConfigureAwait(false) : null;
            foreach (var operation in operations) await ApplyAsync(connection, operation, token).ConfigureAwait(false);
            if (transaction is not null) await transaction.CommitAsync(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> KeysAsync(string prefix, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<string>>(async (connection, token) =>
        {
            var pattern = prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            await using var command = Command(connection, _keys, pattern);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var keys = new List<string>();
            while (await reader.ReadAsync(token).ConfigureAwait(false)) keys.Add(reader.GetString(0));
            return keys;
        }, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) =>
        WithConnectionAsync(async (connection, token) =>
        {
            await using var command = Command(connection, "SELECT 1");
            return await command.ExecuteScalarAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    private async Task ApplyAsync(NpgsqlConnection connection, StateOperation operation, CancellationToken cancellationToken)
    {
        var hasEtag = !string.IsNullOrEmpty(operation.Etag);
        // Contrib answers an etag that is not a UUID with a mismatch, never "invalid etag".
        var etag = hasEtag ? EtagOf(operation) : Guid.Empty;
        NpgsqlCommand command;
        switch (operation)
        {
            case StateUpsert upsert:
                var ttl = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = TtlOf(upsert.Metadata) is { } seconds ? seconds : DBNull.Value };
                command = hasEtag
                    ? Command(connection, _update, upsert.Key, upsert.Value, ttl, etag)
                    : Command(connection, upsert.FirstWrite ? _firstWrite : _upsert, upsert.Key, upsert.Value, ttl);
                break;
            case StateDelete delete:
                command = hasEtag ? Command(connection, _deleteIfEtag, delete.Key, etag) : Command(connection, _delete, delete.Key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
        await using (command)
        {
            var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (rows == 1 || (operation is StateDelete && !hasEtag)) return;
        }
        if (hasEtag) throw new StateEtagMismatchException(operation.Key);
        // A first-write without etag whose key holds a live row.
        throw new StateWriteRefusedException($"failed to set key {operation.Key}: no item was updated");
    }

    // google/uuid Parse, which contrib uses: the 36-character form, with "urn:uuid:" or braces, or 32 hex digits.
    private static Guid EtagOf(StateOperation operation)
    {
        var text = operation.Etag!;
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) text = text["urn:uuid:".Length..];
        foreach (var format in (ReadOnlySpan<string>)["D", "B", "N"])
        {
            if (Guid.TryParseExact(text, format, out var etag)) return etag;
        }
        throw new StateEtagMismatchException(operation.Key);
    }

    // state/utils/ttl.go ParseTTL: an integer from -1 up; only a positive TTL sets an expiry.
    private static int? TtlOf(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("ttlInSeconds", out var text) || text.Length == 0) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < -1 || seconds > int.MaxValue)
        {
            throw new StateWriteRefusedException($"error parsing TTL: incorrect value for metadata 'ttlInSeconds': {text}, must be -1 or greater");
        }
        return seconds > 0 ? (int)seconds : null;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection once the schema is in place (contrib migrates at
    /// start-up; the emulator does on first contact, so a sidecar started before PostgreSQL still comes up).
    /// </summary>
    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new StateStoreUnavailableException($"postgresql store {_name}: {ex.Message}", ex);
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady) return;
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady) return;
            await PostgresStateSchema.MigrateAsync(_database, _settings, _logger, cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
            // The clean-up outlives the call that first reached the database: it stops with the store.
            if (_settings.CleanupInterval is { } interval) _cleanup = Task.Run(() => CleanUpEveryAsync(interval), CancellationToken.None);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    // Like contrib's garbage collector: the first clean-up one interval after start, errors only logged.
    private async Task CleanUpEveryAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    var removed = await PostgresStateSchema.DeleteExpiredAsync(_database, _settings, interval, _stopping.Token).ConfigureAwait(false);
                    if (removed > 0) _logger.LogInformation("state store {Name}: removed {Count} expired rows", _name, removed);
                }
                catch (NpgsqlException ex)
                {
                    _logger.LogWarning("state store {Name}: removing expired rows failed: {Error}", _name, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The emulator is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _cleanup.ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
        _stopping.Dispose();
    }
}
