using System.Globalization;
using System.Text;
using Npgsql;

namespace OneDay.DaprEmulator.State;

/// <summary>
/// Reads the connection string daprd's Postgres components take — libpq keyword/value ("host=db user=u
/// dbname=d sslmode=require") or a postgres:// URL, parsed by pgx — and gives the same connection in
/// Npgsql's terms. Discrete metadata fields (host, port, database, user, password, sslRootCert) replace the
/// string's own, as contrib's buildConnectionString does (common/authentication/postgresql/metadata.go).
/// </summary>
public static class PostgresConnectionString
{
    // pgx settings that tune only pgx's own pool and caches: nothing the server or the stored data sees.
    private static readonly HashSet<string> DriverTuning = new(StringComparer.Ordinal)
    {
        "pool_max_conn_lifetime", "pool_max_conn_lifetime_jitter", "pool_max_conn_idle_time", "pool_health_check_period",
        "statement_cache_capacity", "description_cache_capacity", "default_query_exec_mode", "min_read_buffer_size", "sslsni",
    };

    public static NpgsqlConnectionStringBuilder ToNpgsql(string component, string connectionString, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = connectionString.StartsWith("postgres://", StringComparison.Ordinal) || connectionString.StartsWith("postgresql://", StringComparison.Ordinal)
            ? FromUrl(component, connectionString)
            : FromKeywords(connectionString);
        foreach (var (key, value) in overrides)
        {
            if (!string.IsNullOrEmpty(value)) settings[key] = value;
        }
        if (settings.Count == 0) throw new InvalidDataException($"component {component}: failed to build connection string");

        // pgxpool's default size: the greater of 4 and the number of CPUs.
        var builder = new NpgsqlConnectionStringBuilder { MaxPoolSize = Math.Max(4, Environment.ProcessorCount) };
        var runtimeParameters = new StringBuilder();
        foreach (var (key, value) in settings)
        {
            switch (key)
            {
                case "host" or "hostaddr": builder.Host = value; break;
                case "port": builder.Port = Number(component, key, value); break;
                case "dbname" or "database": builder.Database = value; break;
                case "user": builder.Username = value; break;
                case "password": builder.Password = value; break;
                case "passfile": builder.Passfile = value; break;
                case "sslmode": builder.SslMode = SslModeOf(component, value); break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "sslcert": builder.SslCertificate = value; break;
                case "sslkey": builder.SslKey = value; break;
                case "sslpassword": builder.SslPassword = value; break;
                case "connect_timeout": builder.Timeout = Number(component, key, value); break;
                case "application_name": builder.ApplicationName = value; break;
                case "search_path": builder.SearchPath = value; break;
                case "target_session_attrs": builder.TargetSessionAttributes = value; break;
                case "options": builder.Options = value; break;
                case "pool_max_conns": builder.MaxPoolSize = Number(component, key, value); break;
                case "pool_min_conns": builder.MinPoolSize = Number(component, key, value); break;
                case var tuning when DriverTuning.Contains(tuning): break;
                default:
                    // pgx sends any other keyword to the server as a run-time parameter, as `-c` in options does.
                    runtimeParameters.Append(CultureInfo.InvariantCulture, $" -c {key}={EscapeOption(value)}");
                    break;
            }
        }
        if (runtimeParameters.Length > 0) builder.Options = ((builder.Options ?? "") + runtimeParameters).Trim();
        if (string.IsNullOrEmpty(builder.Host)) builder.Host = "localhost";
        return builder;
    }

    // Contrib first splits the string on single spaces and keeps each part with an '=' (buildDSNConnectionString);
    // pgx then strips single quotes and backslash escapes from values.
    private static Dictionary<string, string> FromKeywords(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in connectionString.Split(' '))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at < 0) continue;
            var value = part[(at + 1)..];
            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'') value = value[1..^1];
            settings[part[..at]] = Unescape(value);
        }
        return settings;
    }

    private static Dictionary<string, string> FromUrl(string component, string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var url))
        {
            throw new InvalidDataException($"component {component}: invalid URL connection string");
        }
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (url.Host.Length > 0) settings["host"] = url.Host.Trim('[', ']');
        if (!url.IsDefaultPort && url.Port > 0) settings["port"] = url.Port.ToString(CultureInfo.InvariantCulture);
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            settings["user"] = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0) settings["password"] = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        }
        if (url.AbsolutePath.Trim('/') is { Length: > 0 } database) settings["database"] = Uri.UnescapeDataString(database);
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0) settings[Uri.UnescapeDataString(pair[..at])] = Uri.UnescapeDataString(pair[(at + 1)..].Replace('+', ' '));
        }
        return settings;
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal)) return value;
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            text.Append(value[i]);
        }
        return text.ToString();
    }

    // libpq's options: a space or backslash inside a value is escaped with a backslash.
    private static string EscapeOption(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);

    private static int Number(string component, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidDataException($"component {component}: connection string {key} '{value}' is not a number");

    private static SslMode SslModeOf(string component, string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new InvalidDataException($"component {component}: sslmode is invalid: {value}"),
    };
}
