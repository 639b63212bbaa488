namespace OneDay.Web.Chat;

// The chat API's shapes as this client reads them (enums arrive as their names).

public sealed record ChatRoomMember(Guid UserId, string DisplayName, string Role);

/// <summary>One message; <see cref="ClientMessageId"/> is the sender's key that makes a resend harmless.</summary>
public sealed record ChatMessage(Guid Id, Guid RoomId, Guid SenderId, string SenderName, Guid ClientMessageId, string Text, DateTimeOffset SentAt);

/// <summary>A room in the person's list. A direct room belongs to one application; a group room to a job's matched workers.</summary>
public sealed record ChatRoom(
    Guid Id, string Kind, Guid JobId, Guid? ApplicationId, string Title, DateTimeOffset WorkStartsAt, DateTimeOffset WorkEndsAt,
    DateTimeOffset ClosesAt, bool IsClosed, IReadOnlyList<ChatRoomMember> Members, ChatMessage? LastMessage, int UnreadCount);

public sealed record ChatRoomListPage(IReadOnlyList<ChatRoom> Rooms, string? NextCursor);

/// <summary>A page of history, newest first.</summary>
public sealed record ChatMessagePage(IReadOnlyList<ChatMessage> Messages, bool HasMore);
