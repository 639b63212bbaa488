using System.Threading.Channels;

namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// Wakes a <see cref="DueWorkService"/> on this replica as soon as new work commits, instead of at its next
/// sweep. Many wakes before it looks count as one: one pass sees everything committed before it.
/// </summary>
public class WakeSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Returns when woken or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout passed without a wake.
        }
    }
}
