using OneDay.Chat.Messages;

namespace OneDay.Chat.Rooms;

public sealed record RoomMemberView(Guid UserId, string DisplayName, MemberRole Role);

/// <summary>A room in the caller's list: who is in it, its last message, and how many the caller has not read.</summary>
public sealed record RoomView(
    Guid Id,
    RoomKind Kind,
    Guid JobId,
    Guid? ApplicationId,
    string Title,
    DateTimeOffset WorkStartsAt,
    DateTimeOffset WorkEndsAt,
    DateTimeOffset ClosesAt,
    bool IsClosed,
    IReadOnlyList<RoomMemberView> Members,
    MessageView? LastMessage,
    int UnreadCount);

/// <summary>A page of the caller's rooms; <see cref="NextCursor"/> fetches the next (null on the last page).</summary>
public sealed record RoomPage(IReadOnlyList<RoomView> Rooms, string? NextCursor);
