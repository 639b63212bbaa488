using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// Writes integration events into the service's database as part of its unit of work: they are saved by
/// the same SaveChanges (and transaction) as the change that caused them, so either both happen or
/// neither does. Stamps each event's EventId and OccurredAt and remembers the current trace. Workflow starts
/// travel the same way (<see cref="StartWorkflow{TInput}"/>).
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
        Add(stamped.EventId, IntegrationEventTopics.Of(stamped.GetType()), stamped.GetType().Name, JsonSerializer.Serialize(stamped, stamped.GetType(), ContractJson.Options), now);
        return stamped;
    }

    /// <summary>
    /// Has the dispatcher start <paramref name="workflowName"/> as <paramref name="instanceId"/> once this unit of work
    /// commits; a start of an instance that already exists counts as done.
    /// </summary>
    public void StartWorkflow<TInput>(string workflowName, string instanceId, TInput input)
    {
        var now = time.GetUtcNow();
        var request = new WorkflowStartRequest(instanceId, JsonSerializer.SerializeToElement(input, ContractJson.Options));
        Add(Guid.CreateVersion7(now), WorkflowStartRequest.TopicPrefix + workflowName, WorkflowStartRequest.EventType, JsonSerializer.Serialize(request, ContractJson.Options), now);
    }

    private void Add(Guid eventId, string topic, string eventType, string payload, DateTimeOffset now)
    {
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            EventId = eventId,
            Topic = topic,
            EventType = eventType,
            Payload = payload,
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
