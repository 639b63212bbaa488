namespace OneDay.Contracts;

/// <summary>
/// Something that happened in one service that others may act on. <see cref="EventId"/> is set when the
/// event is written to the outbox and is every consumer's de-duplication key (delivery is at least once).
/// </summary>
public abstract record IntegrationEvent
{
    public Guid EventId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }
}
