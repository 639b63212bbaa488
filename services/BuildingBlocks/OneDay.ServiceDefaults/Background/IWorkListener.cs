namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// How a <see cref="DueWorkService"/> hears that new work committed: a <see cref="WakeSignal"/> in this process, or a
/// database's notification (the outbox's PostgreSQL LISTEN), held open for as long as the worker runs without failing.
/// </summary>
public interface IWorkListener : IAsyncDisposable
{
    /// <summary>Returns when new work may have committed, or after <paramref name="timeout"/>.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
