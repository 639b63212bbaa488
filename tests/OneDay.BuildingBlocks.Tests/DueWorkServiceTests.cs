using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.ServiceDefaults.Background;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>How a worker for due work (the users' notification worker, channel deliveries) paces its passes.</summary>
public sealed class DueWorkServiceTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_wake_runs_a_pass_at_once()
    {
        var signal = new WakeSignal();
        using var worker = new Worker(signal, sweepInterval: Never, _ => null);
        await worker.StartAsync(CancellationToken.None);
        await worker.NextPassAsync();

        signal.Wake();

        await worker.NextPassAsync();
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_pass_runs_when_the_earliest_work_falls_due_before_the_sweep()
    {
        using var worker = new Worker(new WakeSignal(), sweepInterval: Never, _ => TimeProvider.System.GetUtcNow().AddMilliseconds(50));
        await worker.StartAsync(CancellationToken.None);

        await worker.NextPassAsync();
        await worker.NextPassAsync();
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_pass_is_tried_again_at_the_next_sweep()
    {
        using var worker = new Worker(new WakeSignal(), sweepInterval: TimeSpan.FromMilliseconds(50),
            pass => pass == 1 ? throw new InvalidOperationException("the database blinked") : null);
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal(1, await worker.NextPassAsync());
        Assert.Equal(2, await worker.NextPassAsync());
        await worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Many_wakes_before_a_wait_count_as_one()
    {
        var signal = new WakeSignal();
        signal.Wake();
        signal.Wake();
        await signal.WaitAsync(Never, CancellationToken.None);

        var second = signal.WaitAsync(Never, CancellationToken.None);
        Assert.False(second.IsCompleted);
        signal.Wake();
        await second;
    }

    /// <summary>Runs <paramref name="pass"/> (given the pass's number, from 1) and reports each pass as it starts.</summary>
    private sealed class Worker(WakeSignal signal, TimeSpan sweepInterval, Func<int, DateTimeOffset?> pass)
        : DueWorkService(signal, sweepInterval, TimeProvider.System, NullLogger.Instance)
    {
        private readonly Channel<int> _passes = Channel.CreateUnbounded<int>();
        private int _count;

        protected override string Description => "test work";

        public async Task<int> NextPassAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _passes.Reader.ReadAsync(timeout.Token);
        }

        protected override Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken)
        {
            _passes.Writer.TryWrite(++_count);
            return Task.FromResult(pass(_count));
        }
    }
}
