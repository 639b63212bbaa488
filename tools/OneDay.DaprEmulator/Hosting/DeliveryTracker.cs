namespace OneDay.DaprEmulator.Hosting;

/// <summary>
/// Counts the messages the emulator still owes a subscriber (queued or being delivered). Tests await
/// <see cref="WaitForIdleAsync"/> instead of sleeping. A message a subscriber failed is parked for
/// broker redelivery and no longer counts (see <see cref="Parked"/>).
/// </summary>
public sealed class DeliveryTracker
{
    private readonly Lock _gate = new();
    private int _outstanding;
    private int _parked;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public int Outstanding { get { lock (_gate) return _outstanding; } }

    /// <summary>Messages a subscriber failed and the broker will redeliver later.</summary>
    public int Parked { get { lock (_gate) return _parked; } }

    public void Begin()
    {
        lock (_gate)
        {
            if (_outstanding++ == 0) _idle = NewIdle(completed: false);
        }
    }

    public void End()
    {
        lock (_gate)
        {
            if (--_outstanding == 0) _idle.TrySetResult();
        }
    }

    public void Park(int delta)
    {
        lock (_gate) _parked += delta;
    }

    /// <summary>Completes when nothing is queued or in flight, re-checking after a short quiet period
    /// so that work started by a handler that just finished is seen.</summary>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            while (true)
            {
                Task idle;
                lock (_gate) idle = _idle.Task;
                await idle.WaitAsync(cts.Token).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(20), cts.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_outstanding == 0) return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the emulator still had {Outstanding} deliveries outstanding after {timeout}");
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }
}
