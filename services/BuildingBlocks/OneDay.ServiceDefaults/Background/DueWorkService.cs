using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// A worker for work that falls due (messages to send, retries after a failure). A pass does what is due and
/// says when the earliest remaining work falls due; the worker then sleeps until then, until the
/// <see cref="WakeSignal"/> (new work committed on this replica) or for <paramref name="sweepInterval"/> (work
/// written by other replicas), whichever comes first. A failed pass is logged and the next one tries again,
/// so one bad moment of the database or a destination never ends delivery for the life of the process.
/// </summary>
public abstract class DueWorkService(WakeSignal signal, TimeSpan sweepInterval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>
    /// The shortest sleep after a pass. A pass that found nothing it could take never follows the last at once:
    /// whatever it saw due was held by another replica, and looking again before that one commits finds the same.
    /// Nor does a sleep round down to 0 ms, which Npgsql's LISTEN wait reads as "wait for ever".
    /// </summary>
    public static TimeSpan MinimumWait { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long to sleep after a pass: until <paramref name="nextDue"/> (the earliest work this worker could take), at most <paramref name="sweepInterval"/>.</summary>
    public static TimeSpan WaitAfterPass(DateTimeOffset? nextDue, DateTimeOffset now, TimeSpan sweepInterval)
    {
        var wait = nextDue is { } due && due - now < sweepInterval ? due - now : sweepInterval;
        return wait < MinimumWait ? MinimumWait : wait;
    }

    /// <summary>The longest sleep between passes.</summary>
    protected TimeSpan SweepInterval { get; } = sweepInterval;

    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>What a pass does, for the warning logged when it fails.</summary>
    protected abstract string Description { get; }

    /// <summary>Does the work that is due; returns when the earliest remaining work falls due (null: none waits).</summary>
    protected abstract Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = SweepInterval;
            try
            {
                wait = WaitAfterPass(await WorkAsync(stoppingToken).ConfigureAwait(false), Time.GetUtcNow(), SweepInterval);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(ex, "{Work} failed; trying again in {Wait}", Description, wait);
            }
            // Real time, not the TimeProvider: this is how often to look, not a domain deadline.
            await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }
}
