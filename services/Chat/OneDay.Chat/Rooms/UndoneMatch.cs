namespace OneDay.Chat.Rooms;

/// <summary>
/// A match that was undone (application-cancelled after job-matched): its direct room has no members left, and
/// a job-matched for it that arrives late (at-least-once delivery keeps no order) opens nothing again.
/// </summary>
public sealed class UndoneMatch
{
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid WorkerId { get; init; }
    public DateTimeOffset UndoneAt { get; init; }
}
