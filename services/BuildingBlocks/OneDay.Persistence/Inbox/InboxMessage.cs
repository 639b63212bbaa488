namespace OneDay.Persistence.Inbox;

/// <summary>
/// An event a consumer has handled, recorded in the same transaction as the handler's effect. Its key
/// (event id, consumer) makes a redelivered event — even one delivered twice at once — do nothing twice.
/// </summary>
public sealed class InboxMessage
{
    public Guid EventId { get; init; }
    public required string Consumer { get; init; }
    public required string Topic { get; init; }
    public DateTimeOffset HandledAt { get; init; }
}
