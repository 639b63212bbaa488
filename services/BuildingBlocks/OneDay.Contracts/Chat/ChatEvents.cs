namespace OneDay.Contracts.Chat;

/// <summary>A chat message was sent; notifications tells recipients who are not connected.</summary>
public sealed record ChatMessageSent(Guid MessageId, Guid RoomId, Guid SenderId, IReadOnlyList<Guid> RecipientIds, string Preview, DateTimeOffset SentAt)
    : IntegrationEvent;
