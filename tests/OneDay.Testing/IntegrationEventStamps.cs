using OneDay.Contracts;

namespace OneDay.Testing;

/// <summary>Integration events as a publishing service sends them.</summary>
public static class IntegrationEventStamps
{
    /// <summary><paramref name="integrationEvent"/> with an id of its own and the moment it happened, as every event on the bus carries.</summary>
    public static TEvent Stamped<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent => integrationEvent with { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };
}
