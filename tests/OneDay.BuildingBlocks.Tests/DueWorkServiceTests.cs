using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using OneDay.ServiceDefaults.Background;

namespace OneDay.BuildingBlocks.Tests;

/// <summary>How a worker for due work (the outbox, the users' notification worker, channel deliveries) paces its passes.</summary>
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
    public async Task A_worker_with_its_own_listener_closes_a_failed_one_and_listens_afresh_before_the_next_pass()
    {
        using var worker = new ListeningWorker();
        await worker.StartAsync(CancellationToken.None);

        Assert.Equal((1, 1), await worker.NextPassAsync());
        Assert.Equal((2, 2), await worker.NextPassAsync());
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(worker.OpenedListeners, worker.ClosedListeners);
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

    /// <summary>
    /// Hears of work through listeners of its own (as the outbox LISTENs on a connection), each of which fails on its
    /// first wait (as a dropped connection does); reports each pass with the number of the listener it ran under.
    /// </summary>
    private sealed class ListeningWorker() : DueWorkService(Never, TimeProvider.System, NullLogger.Instance)
    {
        private readonly Channel<(int Pass, int Listener)> _passes = Channel.CreateUnbounded<(int, int)>();
        private int _passCount;
        private int _listeners;
        private int _closed;

        public int OpenedListeners => _listeners;

        public int ClosedListeners => _closed;

        protected override string Description => "test work";

        protected override RetryBackoff RetryAfterFailure => new(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));

        public async Task<(int Pass, int Listener)> NextPassAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return await _passes.Reader.ReadAsync(timeout.Token);
        }

        protected override Task<IWorkListener> ListenAsync(CancellationToken stoppingToken) =>
            Task.FromResult<IWorkListener>(new FailingListener(this, Interlocked.Increment(ref _listeners)));

        protected override Task<DateTimeOffset?> WorkAsync(CancellationToken stoppingToken)
        {
            _passes.Writer.TryWrite((++_passCount, _listeners));
            return Task.FromResult<DateTimeOffset?>(null);
        }

        private sealed class FailingListener(ListeningWorker worker, int number) : IWorkListener
        {
            public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
                Task.FromException(new InvalidOperationException($"listener {number} lost its connection"));

            public ValueTask DisposeAsync()
            {
                Interlocked.Increment(ref worker._closed);
                return ValueTask.CompletedTask;
            }
        }
    }
}
