using Microsoft.Extensions.Logging;
using Npgsql;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// The tables of a `state.postgresql` v2 component and their bookkeeping, as components-contrib v1.16 keeps
/// them (docs/dapr-state-and-actors.md), so that daprd finds the schema at the migration level it expects
/// and the emulator finds daprd's: the metadata table (`key`/`value` text) holds a `lock` row, the
/// migration level under `migrations-state-v2-{tablePrefix}` and the last clean-up time under
/// `last-cleanup-state-v2-{tablePrefix}`.
/// </summary>
internal static class PostgresStateSchema
{
    private const string LockKey = "lock";

    // Contrib's sql/migrations/postgres waits up to a minute for another sidecar's migration to finish.
    private const int LockWaitSeconds = 60;

    /// <summary>Creates what is missing, holding contrib's migration lock so that concurrent sidecars (daprd's too) take turns.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource database, PostgresStateSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        await EnsureMetadataTableAsync(database, settings.MetadataTableName, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(database, $"INSERT INTO {settings.MetadataTableName} (key, value) VALUES ($1, 'lock') ON CONFLICT (key) DO NOTHING", cancellationToken, LockKey).ConfigureAwait(false);

        // The lock is a row lock held by a transaction that is always rolled back; the migration itself runs
        // on other connections, as contrib's does, so a failed CREATE does not abort the lock's transaction.
        await using var lockConnection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var lockTransaction = await lockConnection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var acquire = new NpgsqlCommand($"SELECT value FROM {settings.MetadataTableName} WHERE key = $1 FOR UPDATE", lockConnection) { CommandTimeout = LockWaitSeconds })
        {
            acquire.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            await acquire.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        var level = await MigrationLevelAsync(database, settings, cancellationToken).ConfigureAwait(false);
        if (level < 1)
        {
            logger.LogInformation("creating state table {Table}", settings.Table);
            try
            {
                // One batch, as contrib sends it: an index of its own is added even when the table was there.
                await ExecuteAsync(database, $"""
                    CREATE TABLE IF NOT EXISTS {settings.Table} (
                      key text NOT NULL PRIMARY KEY,
                      value bytea NOT NULL,
                      etag uuid NOT NULL DEFAULT gen_random_uuid(),
                      created_at timestamp with time zone NOT NULL DEFAULT now(),
                      updated_at timestamp with time zone,
                      expires_at timestamp with time zone
                    );
                    CREATE INDEX ON {settings.Table} (expires_at);
                    """, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another sidecar created the table in the same instant.
            }
            await ExecuteAsync(database, $"INSERT INTO {settings.MetadataTableName} (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
                cancellationToken, settings.MigrationKey).ConfigureAwait(false);
        }
        await lockTransaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes expired rows unless any sidecar did so less than an interval ago: the metadata row is claimed
    /// atomically first, which is how contrib's sidecars share one clean-up between them (sql/cleanup.go).
    /// </summary>
    public static async Task<int> DeleteExpiredAsync(NpgsqlDataSource database, PostgresStateSettings settings, TimeSpan interval, CancellationToken cancellationToken)
    {
        var meta = settings.MetadataTableName;
        var claimed = await ExecuteAsync(database, $"""
            INSERT INTO {meta} (key, value) VALUES ($1, now()::text)
            ON CONFLICT (key) DO UPDATE SET value = now()::text
              WHERE (EXTRACT('epoch' FROM now() - {meta}.value::timestamp with time zone) * 1000)::bigint > $2
            """, cancellationToken, settings.LastCleanupKey, (long)interval.TotalMilliseconds - 100).ConfigureAwait(false);
        if (claimed == 0) return 0;
        return await ExecuteAsync(database, $"DELETE FROM {settings.Table} WHERE expires_at IS NOT NULL AND expires_at < now()", cancellationToken).ConfigureAwait(false);
    }

    // CREATE TABLE IF NOT EXISTS can still fail with a unique violation on the type name when sidecars race; contrib tries three times.
    private static async Task EnsureMetadataTableAsync(NpgsqlDataSource database, string table, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(database, $"CREATE TABLE IF NOT EXISTS {table} (key text NOT NULL PRIMARY KEY, value text NOT NULL)", cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> MigrationLevelAsync(NpgsqlDataSource database, PostgresStateSettings settings, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT value FROM {settings.MetadataTableName} WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = settings.MigrationKey });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) switch
        {
            null => 0,
            string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level) => level,
            var other => throw new InvalidDataException($"invalid migration level found in metadata table: {other}"),
        };
    }

    private static async Task<int> ExecuteAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
