using System.Text.Json;
using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Dapr;

namespace OneDay.Persistence.Inbox;

public static class IntegrationEventHandlers
{
    /// <summary>
    /// Subscribes <paramref name="handle"/> to <typeparamref name="TEvent"/>'s topic on the configured
    /// pubsub and runs it exactly once per EventId: the inbox record and the handler's changes commit in
    /// one transaction, and a redelivery (even a concurrent one, which waits on the inbox key) finds the
    /// record and does nothing. A handler that throws answers 500, so Dapr redelivers; an event that
    /// cannot be read answers DROP (to the dead-letter topic when one is configured).
    /// </summary>
    public static RouteHandlerBuilder MapIntegrationEventHandler<TEvent, TContext>(
        this IEndpointRouteBuilder app,
        Func<IntegrationEventContext<TEvent, TContext>, Task> handle)
        where TEvent : IntegrationEvent
        where TContext : DbContext
    {
        var topic = IntegrationEventTopics.Of<TEvent>();
        var pubsub = app.ServiceProvider.GetRequiredService<IOptions<PubSubOptions>>().Value.Name;
        return app.MapPost($"/integration-events/{topic}", async (HttpContext http, TContext db, IntegrationEventOutbox<TContext> outbox, TimeProvider time, ILoggerFactory loggers) =>
            {
                var logger = loggers.CreateLogger(typeof(IntegrationEventHandlers).FullName!);
                TEvent? integrationEvent;
                try
                {
                    integrationEvent = await http.Request.ReadFromJsonAsync<TEvent>(ContractJson.Options, http.RequestAborted).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    logger.LogError("dropping an unreadable {Topic} event: {Error}", topic, ex.Message);
                    return Results.Ok(new { status = "DROP" });
                }
                if (integrationEvent is null || integrationEvent.EventId == Guid.Empty)
                {
                    logger.LogError("dropping a {Topic} event without an event id", topic);
                    return Results.Ok(new { status = "DROP" });
                }

                await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted).ConfigureAwait(false);
                db.Set<InboxMessage>().Add(new InboxMessage
                {
                    EventId = integrationEvent.EventId,
                    Consumer = topic,
                    Topic = topic,
                    HandledAt = time.GetUtcNow(),
                });
                try
                {
                    await db.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
                }
                catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    logger.LogInformation("{Topic} event {EventId} was already handled", topic, integrationEvent.EventId);
                    return Results.Ok(new { status = "SUCCESS" });
                }
                var context = new IntegrationEventContext<TEvent, TContext>(integrationEvent, db, outbox, http.RequestServices, http.RequestAborted);
                await handle(context).ConfigureAwait(false);
                await db.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
                await transaction.CommitAsync(http.RequestAborted).ConfigureAwait(false);
                foreach (var action in context.AfterCommitActions)
                {
                    try
                    {
                        await action().ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "work after handling {Topic} event {EventId} failed", topic, integrationEvent.EventId);
                    }
                }
                return Results.Ok(new { status = "SUCCESS" });
            })
            .WithTopic(pubsub, topic)
            .RequireDaprAppToken()
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName($"handle-{topic}");
    }
}
