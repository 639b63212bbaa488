using DotNet.Testcontainers.Configurations;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace OneDay.Testing;

/// <summary>
/// The PostgreSQL and Redis servers tests use: the ones named by ONEDAY_TEST_POSTGRES and
/// ONEDAY_TEST_REDIS (scripts/infra.sh starts them and prints both); where those are unset and a Docker
/// engine answers, containers started once per test run; otherwise a clear failure.
/// </summary>
public static class TestServers
{
    private const string Advice = "Run `scripts/infra.sh up` and export the ONEDAY_TEST_POSTGRES and ONEDAY_TEST_REDIS it prints (scripts/test.sh does both).";

    private static readonly Lazy<Task<string>> Postgres = new(() => FromEnvironmentOrContainerAsync(
        "ONEDAY_TEST_POSTGRES",
        async () =>
        {
            var container = new PostgreSqlBuilder("postgis/postgis:15-3.4").Build();
            await container.StartAsync().ConfigureAwait(false);
            return container.GetConnectionString();
        }));

    private static readonly Lazy<Task<string>> Redis = new(() => FromEnvironmentOrContainerAsync(
        "ONEDAY_TEST_REDIS",
        async () =>
        {
            var container = new RedisBuilder("redis:7").Build();
            await container.StartAsync().ConfigureAwait(false);
            return container.GetConnectionString();
        }));

    /// <summary>A connection string to the server (no database named: tests create their own).</summary>
    public static Task<string> PostgresAsync() => Postgres.Value;

    /// <summary>host:port of the Redis server.</summary>
    public static Task<string> RedisAsync() => Redis.Value;

    private static async Task<string> FromEnvironmentOrContainerAsync(string variable, Func<Task<string>> startContainer)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured) return configured;
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            throw new InvalidOperationException($"{variable} is not set and no Docker engine is reachable. {Advice}");
        }
        return await startContainer().ConfigureAwait(false);
    }
}
