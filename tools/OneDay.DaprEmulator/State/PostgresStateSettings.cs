using System.Globalization;
using System.Text.RegularExpressions;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// A `state.postgresql` v2 component's metadata as components-contrib v1.16 reads it
/// (state/postgresql/v2/metadata.go, common/authentication/postgresql/metadata.go; docs/dapr-state-and-actors.md):
/// keys match case-insensitively with their aliases (`url`, `timeoutInSeconds`, `cleanupIntervalInSeconds`),
/// the state table is `{tablePrefix}state`, and a duration is a Go duration or a whole number of seconds.
/// </summary>
public sealed partial record PostgresStateSettings(
    string ConnectionString,
    string TablePrefix,
    string MetadataTableName,
    TimeSpan Timeout,
    TimeSpan? CleanupInterval)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultCleanupInterval = TimeSpan.FromHours(1);
    private static readonly string[] QueryExecModes = ["cache_statement", "cache_describe", "describe_exec", "exec", "simple_protocol"];

    /// <summary>The state table; contrib writes the prefix into its SQL as given, so "public." names a schema.</summary>
    public string Table => TablePrefix + "state";

    /// <summary>The metadata table row holding the migration level of this table.</summary>
    public string MigrationKey => "migrations-state-v2-" + TablePrefix;

    /// <summary>The metadata table row holding when any sidecar last deleted expired rows of this table.</summary>
    public string LastCleanupKey => "last-cleanup-state-v2-" + TablePrefix;

    public static PostgresStateSettings FromMetadata(string component, string version, IReadOnlyDictionary<string, string> metadata)
    {
        if (version != "v2")
        {
            // v1 keeps JSONB values with xmin etags: a different table, which the emulator does not write.
            throw new InvalidDataException($"component {component}: state.postgresql {(version.Length == 0 ? "v1 (no version)" : version)} is not emulated (only v2)");
        }
        string? Read(params string[] names) => names.Select(metadata.GetValueOrDefault).FirstOrDefault(v => v is not null);

        if (IsTruthy(Read("useAzureAD")) || IsTruthy(Read("useAWSIAM")))
        {
            throw new InvalidDataException($"component {component}: Azure AD and AWS IAM authentication are not emulated; use connectionString");
        }
        if (Read("queryExecMode") is { Length: > 0 } mode && !QueryExecModes.Contains(mode))
        {
            throw new InvalidDataException($"component {component}: invalid queryExecMode metadata value: {mode}");
        }

        var timeout = Read("timeout", "timeoutInSeconds") is { } t ? KitDuration(component, "timeout", t) : DefaultTimeout;
        if (timeout < TimeSpan.FromSeconds(1))
        {
            throw new InvalidDataException($"component {component}: invalid value for 'timeout': must be greater than 1s");
        }
        TimeSpan? cleanup = Read("cleanupInterval", "cleanupIntervalInSeconds") switch
        {
            null or "" => DefaultCleanupInterval,
            var c => KitDuration(component, "cleanupInterval", c) is var d && d > TimeSpan.Zero ? d : null,
        };

        var tablePrefix = Read("tablePrefix") ?? "";
        var metadataTable = Read("metadataTableName") ?? "dapr_metadata";
        CheckIdentifier(component, "tablePrefix", tablePrefix + "state");
        CheckIdentifier(component, "metadataTableName", metadataTable);

        var connection = PostgresConnectionString.ToNpgsql(component, Read("connectionString", "url") ?? "", new Dictionary<string, string?>
        {
            ["host"] = Read("host"),
            ["hostaddr"] = Read("hostaddr"),
            ["port"] = Read("port"),
            ["database"] = Read("database"),
            ["user"] = Read("user"),
            ["password"] = Read("password"),
            ["sslrootcert"] = Read("sslRootCert"),
        });
        // Contrib bounds each database call by `timeout`; Npgsql's command timeout does so per statement.
        connection.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds);
        if (int.TryParse(Read("maxConns"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxConns) && maxConns > 1)
        {
            connection.MaxPoolSize = maxConns;
        }
        if (Read("connectionMaxIdleTime") is { Length: > 0 } idle && KitDuration(component, "connectionMaxIdleTime", idle) is var idleTime && idleTime > TimeSpan.Zero)
        {
            connection.ConnectionIdleLifetime = Math.Max(1, (int)Math.Ceiling(idleTime.TotalSeconds));
        }
        return new PostgresStateSettings(connection.ConnectionString, tablePrefix, metadataTable, timeout, cleanup);
    }

    // dapr/kit metadata/duration.go: a Go duration, else a whole number of seconds; empty is zero.
    private static TimeSpan KitDuration(string component, string name, string text)
    {
        if (text.Length == 0) return TimeSpan.Zero;
        if (GoDuration.TryParse(text, out var value)) return value;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidDataException($"component {component}: '{text}' is not a duration for {name}");
    }

    // dapr/kit utils.IsTruthy, which decodes the component's bool fields.
    private static bool IsTruthy(string? value) =>
        value?.Trim().ToLowerInvariant() is "y" or "yes" or "true" or "t" or "on" or "1";

    // Contrib pastes these names into its SQL unquoted; the emulator takes only what cannot change the statement.
    private static void CheckIdentifier(string component, string name, string table)
    {
        if (!TableName().IsMatch(table))
        {
            throw new InvalidDataException($"component {component}: {name} must give a table name such as \"public.my_\" (letters, digits, _ and one schema dot)");
        }
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*$")]
    private static partial Regex TableName();
}
