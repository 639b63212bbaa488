using Dapr.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneDay.Contracts;
using OneDay.Testing;

namespace OneDay.Benchmarks;

/// <summary>
/// One real service on its own fresh database beside an emulator sidecar, as each scenario hosts it:
/// what the service tests do, with logging turned down so the console shows the figures.
/// </summary>
public static class ServiceStack
{
    /// <summary>
    /// Starts the service under <paramref name="appId"/>, its connection string as secret "ConnectionStrings:{appId}",
    /// on <paramref name="database"/> when given (a kept one), otherwise on a fresh database; <paramref name="beside"/>
    /// prepares the cluster first (more secrets, the peers the service calls).
    /// </summary>
    public static async Task<ServiceStack<TProgram>> StartAsync<TProgram>(
        string appId, bool usesRedis, IReadOnlyDictionary<string, string?> settings, TestDatabase? database = null, Func<DaprTestEnvironment, Task>? beside = null)
        where TProgram : class
    {
        database ??= await TestDatabase.CreateAsync($"oneday_bench_{appId}");
        var dapr = new DaprTestEnvironment().WithSecret($"ConnectionStrings:{appId}", database.ConnectionString);
        try
        {
            if (usesRedis) dapr.WithSecret("ConnectionStrings:redis", await TestServers.RedisAsync());
            if (beside is not null) await beside(dapr);
            var service = await dapr.StartServiceAsync<TProgram>(appId, new Dictionary<string, string?>(settings)
            {
                ["Logging:LogLevel:Default"] = "Warning",
            });
            return new ServiceStack<TProgram>(dapr, database, service);
        }
        catch
        {
            // A service that does not start must not leave its database behind on a shared server.
            await dapr.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }
}

/// <inheritdoc cref="ServiceStack"/>
public sealed class ServiceStack<TProgram> : IAsyncDisposable
    where TProgram : class
{
    internal ServiceStack(DaprTestEnvironment dapr, TestDatabase database, ServiceTestHost<TProgram> service)
    {
        Dapr = dapr;
        Database = database;
        Service = service;
    }

    public DaprTestEnvironment Dapr { get; }

    public TestDatabase Database { get; }

    public ServiceTestHost<TProgram> Service { get; }

    /// <summary>Publishes <paramref name="events"/> from the service's sidecar, as the service that owns them would, several at a time.</summary>
    public async Task PublishAsync<TEvent>(IEnumerable<TEvent> events, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        var dapr = Service.Services.GetRequiredService<DaprClient>();
        await Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (integrationEvent, token) =>
            await dapr.PublishEventAsync("pubsub", IntegrationEventTopics.Of<TEvent>(), integrationEvent, token));
    }

    /// <summary>Waits until <paramref name="countSql"/> (a count on the service's database) reaches <paramref name="expected"/>.</summary>
    public async Task WaitForCountAsync(string countSql, long expected, string what, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await Eventually.TrueAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(countSql);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! >= expected;
        }, TimeSpan.FromSeconds(60 + (expected / 20)), what);
    }

    public async ValueTask DisposeAsync()
    {
        await Dapr.DisposeAsync();
        await Database.DisposeAsync();
    }
}
