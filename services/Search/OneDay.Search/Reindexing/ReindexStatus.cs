namespace OneDay.Search.Reindexing;

public enum ReindexState
{
    Idle,
    Running,
    Completed,
    Failed,
}

/// <summary>What an operator sees of the rebuild: state, progress and timings.</summary>
public sealed record ReindexStatus(ReindexState State, long JobsCopied, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);
