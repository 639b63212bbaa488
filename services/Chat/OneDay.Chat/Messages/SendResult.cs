namespace OneDay.Chat.Messages;

public enum SendStatus
{
    Sent,

    /// <summary>The sender had already sent this clientMessageId; the stored message is returned.</summary>
    AlreadySent,

    /// <summary>No such room, or the sender is not a member (the two look the same to the sender).</summary>
    RoomNotFound,
    RoomClosed,
    Invalid,
    RateLimited,
}

public sealed record SendResult(SendStatus Status, MessageView? Message = null, string? Error = null, TimeSpan? RetryAfter = null);
