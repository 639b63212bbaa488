using OneDay.Contracts.Jobs;

namespace OneDay.Chat.Rooms;

/// <summary>
/// A conversation about one job: the direct room of one match (employer and worker) or the job's group
/// room (employer and every matched worker). Rooms are opened by job-matched and take messages until
/// some days after the work.
/// </summary>
public sealed class Room
{
    public Guid Id { get; init; }
    public RoomKind Kind { get; init; }
    public Guid JobId { get; init; }

    /// <summary>The match a direct room belongs to; null for a group room.</summary>
    public Guid? ApplicationId { get; init; }

    public required string Title { get; init; }
    public DateTimeOffset WorkStartsAt { get; init; }
    public DateTimeOffset WorkEndsAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last message was sent, to the millisecond (or when the room opened): the room list's order, and the floor of the next message id's time.</summary>
    public DateTimeOffset LastActivityAt { get; init; }

    public List<RoomMember> Members { get; init; } = [];

    public static Room DirectFor(JobMatched match, DateTimeOffset now)
    {
        var room = New(RoomKind.Direct, match, now, match.ApplicationId);
        room.Join(match.EmployerId, MemberRole.Employer, now);
        room.Join(match.WorkerId, MemberRole.Worker, now);
        return room;
    }

    public static Room GroupFor(JobMatched match, DateTimeOffset now)
    {
        var room = New(RoomKind.Group, match, now, applicationId: null);
        room.Join(match.EmployerId, MemberRole.Employer, now);
        return room;
    }

    private static Room New(RoomKind kind, JobMatched match, DateTimeOffset now, Guid? applicationId) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        JobId = match.JobId,
        ApplicationId = applicationId,
        Title = match.JobTitle,
        WorkStartsAt = match.StartsAt,
        WorkEndsAt = match.EndsAt,
        CreatedAt = now,
        LastActivityAt = now,
    };

    /// <summary>Adds the user unless they are already a member.</summary>
    public void Join(Guid userId, MemberRole role, DateTimeOffset now)
    {
        if (Members.Any(m => m.UserId == userId)) return;
        Members.Add(new RoomMember { RoomId = Id, UserId = userId, Role = role, JoinedAt = now });
    }

    /// <summary>Rooms stay open for questions and settling up some days after the work ends.</summary>
    public DateTimeOffset ClosesAt(TimeSpan openAfterWork) => WorkEndsAt + openAfterWork;

    public bool IsClosedAt(DateTimeOffset now, TimeSpan openAfterWork) => now >= ClosesAt(openAfterWork);
}
