using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// Writes integration events into the service's database as part of its unit of work: they are saved by
/// the same SaveChanges (and transaction) as the change that caused them, so either both happen or
/// neither does. Stamps each event's EventId and OccurredAt and remembers the current trace.
/// </summary>
public sealed class IntegrationEventOutbox<TContext>(TContext db, TimeProvider time)
    where TContext : DbContext
{
    public TEvent Add<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var now = time.GetUtcNow();
        var stamped = integrationEvent with
        {
            EventId = integrationEvent.EventId == Guid.Empty ? Guid.CreateVersion7(now) : integrationEvent.EventId,
            OccurredAt = integrationEvent.OccurredAt == default ? now : integrationEvent.OccurredAt,
        };
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = stamped.EventId,
            Topic = IntegrationEventTopics.Of(stamped.GetType()),
            EventType = stamped.GetType().Name,
            Payload = JsonSerializer.Serialize(stamped, stamped.GetType(), ContractJson.Options),
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return stamped;
    }
}
