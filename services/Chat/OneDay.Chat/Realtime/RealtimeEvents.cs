namespace OneDay.Chat.Realtime;

/// <summary>`user_joined` / `user_left`: a member opened the room on their first connection, or closed it on their last.</summary>
public sealed record RoomPresenceChanged(Guid RoomId, Guid UserId);

/// <summary>`typing_indicator`.</summary>
public sealed record TypingIndicator(Guid RoomId, Guid UserId);

/// <summary>`read`: the member has read everything up to the message.</summary>
public sealed record ReadReceipt(Guid RoomId, Guid UserId, Guid MessageId);

/// <summary>What JoinRoom answers: who is in the room right now, on any instance.</summary>
public sealed record RoomPresence(Guid RoomId, IReadOnlyList<Guid> OnlineUserIds);
