namespace OneDay.ServiceDefaults.Background;

/// <summary>How long a worker for due work sleeps after a pass before it looks again (unless woken first).</summary>
public static class PassPacing
{
    /// <summary>
    /// The shortest sleep. A pass that found nothing it could take never follows the last at once: whatever
    /// it saw due was held by another replica, and looking again before that one commits finds the same.
    /// Nor does a sleep round down to 0 ms, which Npgsql's LISTEN wait reads as "wait for ever".
    /// </summary>
    public static TimeSpan MinimumWait { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Until <paramref name="nextDue"/> (the earliest work this worker could take), at most <paramref name="sweepInterval"/>.</summary>
    public static TimeSpan WaitAfterPass(DateTimeOffset? nextDue, DateTimeOffset now, TimeSpan sweepInterval)
    {
        var wait = nextDue is { } due && due - now < sweepInterval ? due - now : sweepInterval;
        return wait < MinimumWait ? MinimumWait : wait;
    }
}
