using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// A background sweep that runs once per <paramref name="period"/>. A failed sweep is logged and the
/// next tick tries again, so one bad moment of the database or sidecar never ends recovery for the
/// life of the process.
/// </summary>
public abstract class PeriodicSweep(TimeSpan period, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>How often the sweep runs; work older than this counts as stalled in both sweeps here.</summary>
    protected TimeSpan Period { get; } = period;

    protected TimeProvider Time { get; } = time;

    /// <summary>What the sweep does, for the warning logged when it fails.</summary>
    protected abstract string Description { get; }

    protected abstract Task SweepAsync(CancellationToken stoppingToken);

    /// <summary>Whether stopping runs one last sweep: for work buffered in memory between sweeps, which would otherwise be lost.</summary>
    protected virtual bool SweepsOnStop => false;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (SweepsOnStop) await SweepAsync(cancellationToken);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("{Sweep} failed, trying again next sweep: {Error}", Description, ex.Message);
            }
        }
    }
}
