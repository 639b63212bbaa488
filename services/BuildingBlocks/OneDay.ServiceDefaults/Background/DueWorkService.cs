using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// A worker for work that falls due (outbox rows to publish, messages to send, retries after a failure). A pass does
/// what is due and says when the earliest remaining work falls due; the worker then sleeps until then, until its
/// <see cref="IWorkListener"/> hears of new work, or for the sweep interval (work written by other replicas),
/// whichever comes first. A failed pass is logged and tried again after <see cref="RetryAfterFailure"/>, so one bad
/// moment of the database or a destination never ends delivery for the life of the process.
/// </summary>
public abstract class DueWorkService : BackgroundService
{
    private readonly WakeSignal? _signal;

    /// <summary>For work that this replica's writers announce through <paramref name="signal"/>.</summary>
    protected DueWorkService(WakeSignal signal, TimeSpan sweepInterval, TimeProvider time, ILogger logger)
        : this(sweepInterval, time, logger) => _signal = signal;

    /// <summary>For work whose worker hears of it another way: it overrides <see cref="ListenAsync"/>.</summary>
    protected DueWorkService(TimeSpan sweepInterval, TimeProvider time, ILogger logger)
    {
        SweepInterval = sweepInterval;
        Time = time;
        Logger = logger;
    }

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
    protected TimeSpan SweepInterval { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>What a pass does, for the warning logged when it fails.</summary>
    protected abstract string Description { get; }

    /// <summary>The wait after failures in a row before the next try: by default the sweep interval each time.</summary>
    protected virtual RetryBackoff RetryAfterFailure => new(SweepInterval, SweepInterval);

    /// <summary>Does the work that is due; returns when the earliest remaining work falls due (null: none waits).</summary>
    protected abstract Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken);

    /// <summary>Starts listening for new work; called before the passes it serves, so work committed during a pass is heard.</summary>
    protected virtual Task<IWorkListener> ListenAsync(CancellationToken stoppingToken) =>
        Task.FromResult<IWorkListener>(new SignalListener(_signal ?? throw new InvalidOperationException($"{GetType().Name} has no WakeSignal and must override ListenAsync")));

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await ListenAsync(stoppingToken).ConfigureAwait(false);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var nextDue = await WorkAsync(stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    // Real time, not the TimeProvider: this is how often to look, not a domain deadline.
                    await listener.WaitAsync(WaitAfterPass(nextDue, Time.GetUtcNow(), SweepInterval), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var wait = RetryAfterFailure.After(++failures);
                Logger.LogWarning(ex, "{Work} failed; trying again in {Wait}", Description, wait);
                // A signal still wakes the retry early: new work committed here means the database answers again.
                await (_signal?.WaitAsync(wait, stoppingToken) ?? Task.Delay(wait, stoppingToken)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Listens to a signal that outlives it: nothing to close.</summary>
    private sealed class SignalListener(WakeSignal signal) : IWorkListener
    {
        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
