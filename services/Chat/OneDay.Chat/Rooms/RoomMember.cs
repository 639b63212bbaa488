namespace OneDay.Chat.Rooms;

/// <summary>A user's place in a room, with how far they have read.</summary>
public sealed class RoomMember
{
    public Guid RoomId { get; init; }
    public Guid UserId { get; init; }
    public MemberRole Role { get; init; }
    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>The newest message the member has read; message ids are time-ordered, so everything up to it is read.</summary>
    public Guid? LastReadMessageId { get; private set; }

    /// <summary>Moves the read mark forward only: a late receipt for an older message changes nothing.</summary>
    public bool MarkReadUpTo(Guid messageId)
    {
        if (LastReadMessageId is { } current && messageId.CompareTo(current) <= 0) return false;
        LastReadMessageId = messageId;
        return true;
    }
}
