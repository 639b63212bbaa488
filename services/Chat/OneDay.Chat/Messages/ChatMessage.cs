namespace OneDay.Chat.Messages;

/// <summary>
/// One message in a room. The id is a version-7 Guid (time-ordered), so (room_id, id) is both the
/// history's order and its cursor; the table only grows at the end of each room's range.
/// </summary>
public sealed class ChatMessage
{
    public Guid Id { get; init; }
    public Guid RoomId { get; init; }
    public Guid SenderId { get; init; }

    /// <summary>The sender's own id for the message: a resend after a lost answer finds the stored one.</summary>
    public Guid ClientMessageId { get; init; }

    public required string Text { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
