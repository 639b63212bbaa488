namespace OneDay.Persistence.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change that
/// caused it. The dispatcher publishes it through Dapr and stamps <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid EventId { get; init; }
    public required string Topic { get; init; }
    public required string EventType { get; init; }
    /// <summary>The event as JSON (jsonb), exactly what subscribers receive as the CloudEvent's data.</summary>
    public required string Payload { get; init; }
    /// <summary>W3C trace context of the work that wrote the event, so publishing continues that trace.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
