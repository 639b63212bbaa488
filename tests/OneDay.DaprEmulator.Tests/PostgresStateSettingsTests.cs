using Npgsql;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// state.postgresql v2 metadata read as components-contrib v1.16 and dapr/kit read it
/// (docs/dapr-state-and-actors.md, "Component metadata").
/// </summary>
public sealed class PostgresStateSettingsTests
{
    private static PostgresStateSettings Read(string version = "v2", params (string Name, string Value)[] metadata) =>
        PostgresStateSettings.FromMetadata("statestore", version,
            new Dictionary<string, string>(metadata.Select(m => KeyValuePair.Create(m.Name, m.Value)), StringComparer.OrdinalIgnoreCase));

    private static NpgsqlConnectionStringBuilder Connection(params (string Name, string Value)[] metadata) => new(Read("v2", metadata).ConnectionString);

    [Fact]
    public void Libpq_keywords_are_read_with_quotes_and_escapes_and_discrete_fields_replace_them()
    {
        var connection = Connection(
            ("connectionString", @"host=db.internal port=6432 user=app password='s3c\'ret' dbname=actors sslmode=require search_path=dapr"),
            ("database", "oneday_actors"),
            ("maxConns", "7"));

        Assert.Equal("db.internal", connection.Host);
        Assert.Equal(6432, connection.Port);
        Assert.Equal("app", connection.Username);
        Assert.Equal("s3c'ret", connection.Password);
        Assert.Equal("oneday_actors", connection.Database);
        Assert.Equal(SslMode.Require, connection.SslMode);
        Assert.Equal("dapr", connection.SearchPath);
        Assert.Equal(7, connection.MaxPoolSize);
    }

    [Fact]
    public void A_postgres_url_is_read_with_its_escaped_user_info_and_query_under_the_url_alias()
    {
        var connection = Connection(("url", "postgresql://dapr%40corp:p%3Ass@pg.example:5433/state?sslmode=verify-full&application_name=oneday"));

        Assert.Equal(("pg.example", 5433, "dapr@corp", "p:ss", "state"), (connection.Host, connection.Port, connection.Username, connection.Password, connection.Database));
        Assert.Equal(SslMode.VerifyFull, connection.SslMode);
        Assert.Equal("oneday", connection.ApplicationName);
    }

    [Fact]
    public void A_keyword_pgx_hands_to_the_server_becomes_a_run_time_parameter()
    {
        Assert.Equal("-c statement_timeout=5000", Connection(("connectionString", "host=db statement_timeout=5000")).Options);
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("30", 30)]
    [InlineData("1m", 60)]
    public void Timeout_is_a_go_duration_or_whole_seconds_and_bounds_each_statement(string? timeout, int seconds)
    {
        var settings = timeout is null ? Read("v2", ("connectionString", "host=db")) : Read("v2", ("connectionString", "host=db"), ("timeoutInSeconds", timeout));

        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.Timeout);
        Assert.Equal(seconds, new NpgsqlConnectionStringBuilder(settings.ConnectionString).CommandTimeout);
    }

    [Fact]
    public void A_timeout_under_a_second_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Read("v2", ("connectionString", "host=db"), ("timeout", "500ms")));
    }

    [Theory]
    [InlineData(null, 3600)]
    [InlineData("", 3600)]
    [InlineData("10m", 600)]
    [InlineData("0", null)]
    [InlineData("-1", null)]
    public void Cleanup_defaults_to_an_hour_and_a_value_of_zero_or_less_turns_it_off(string? interval, int? seconds)
    {
        var settings = interval is null ? Read("v2", ("connectionString", "host=db")) : Read("v2", ("connectionString", "host=db"), ("cleanupInterval", interval));

        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, settings.CleanupInterval);
    }

    [Fact]
    public void The_tables_and_bookkeeping_keys_follow_the_table_prefix()
    {
        var settings = Read("v2", ("connectionString", "host=db"), ("tablePrefix", "public.oneday_"), ("metadataTableName", "public.dapr_meta"));

        Assert.Equal(("public.oneday_state", "public.dapr_meta"), (settings.Table, settings.MetadataTableName));
        Assert.Equal(("migrations-state-v2-public.oneday_", "last-cleanup-state-v2-public.oneday_"), (settings.MigrationKey, settings.LastCleanupKey));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("")]
    public void Version_one_with_its_jsonb_table_is_not_emulated(string version)
    {
        Assert.Throws<InvalidDataException>(() => Read(version, ("connectionString", "host=db")));
    }

    [Fact]
    public void A_table_prefix_that_would_change_the_statements_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Read("v2", ("connectionString", "host=db"), ("tablePrefix", "x; DROP TABLE y; --")));
    }
}
