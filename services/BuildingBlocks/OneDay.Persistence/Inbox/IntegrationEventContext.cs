using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Persistence.Outbox;

namespace OneDay.Persistence.Inbox;

/// <summary>What an integration event handler works with: the event, the service's database (its changes
/// commit with the inbox record), an outbox for events it raises, and the request's services.</summary>
public sealed record IntegrationEventContext<TEvent, TContext>(
    TEvent Event,
    TContext Db,
    IntegrationEventOutbox<TContext> Outbox,
    IServiceProvider Services,
    CancellationToken CancellationToken)
    where TEvent : IntegrationEvent
    where TContext : DbContext;
