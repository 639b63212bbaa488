namespace OneDay.Chat.Messages;

public sealed record MessageView(Guid Id, Guid RoomId, Guid SenderId, string SenderName, Guid ClientMessageId, string Text, DateTimeOffset SentAt);

public sealed record SendMessageRequest(Guid ClientMessageId, string? Text);

public sealed record ReadReceiptRequest(Guid MessageId);

/// <summary>A page of history, newest first. <see cref="HasMore"/>: more messages lie beyond it in the direction asked.</summary>
public sealed record MessagePage(IReadOnlyList<MessageView> Messages, bool HasMore);
