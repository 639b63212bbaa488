using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using OneDay.Persistence.Outbox;
using OneDay.Persistence.Retention;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults.Health;

namespace OneDay.Persistence.Database;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// The service's PostgreSQL database ("ConnectionStrings:{connectionName}", from the Dapr secret store)
    /// as <typeparamref name="TContext"/>, with its readiness check, migrations at start-up (in
    /// Development, or when "Database:MigrateOnStartup" is true), and the transactional outbox: inject
    /// <see cref="IntegrationEventOutbox{TContext}"/> to publish events with a change. Outbox and inbox rows
    /// that are done with are deleted after a while (<see cref="MessageRetentionOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext>(
        this WebApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlDbContextOptionsBuilder>? configureNpgsql = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is missing: it comes from the Dapr secret store");
        builder.Services.AddSingleton<OutboxNotifier>();
        builder.Services.AddDbContext<TContext>((provider, options) => options
            .UseNpgsql(connectionString, configureNpgsql)
            .AddInterceptors(provider.GetRequiredService<OutboxNotifier>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [HealthEndpoints.Ready]);

        if (builder.Configuration.GetValue<bool?>("Database:MigrateOnStartup") ?? builder.Environment.IsDevelopment())
        {
            // Registered before the dispatcher: hosted services start in order, so tables exist first.
            builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        }

        builder.Services.AddScoped<IntegrationEventOutbox<TContext>>();
        builder.Services.AddSingleton(new OutboxListenerConnection<TContext>(connectionString));
        builder.Services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHostedService<OutboxLag<TContext>>();
        builder.Services.AddValidatedOptions<MessageRetentionOptions>(MessageRetentionOptions.Section);
        builder.Services.AddHostedService<MessageRetentionSweep<TContext>>();
        return builder;
    }
}
