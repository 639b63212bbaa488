namespace OneDay.Contracts.Chat;

/// <summary>A chat message was sent; <paramref name="RecipientIds"/> are the members who were not in the room on the hub, whom notifications tells.</summary>
public sealed record ChatMessageSent(Guid MessageId, Guid RoomId, Guid SenderId, IReadOnlyList<Guid> RecipientIds, string Preview, DateTimeOffset SentAt)
    : IntegrationEvent;
