using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>Broker settings read from the pubsub.redis component metadata (defaults as the component's).</summary>
public sealed record BrokerSettings(int Concurrency, TimeSpan ProcessingTimeout, TimeSpan RedeliverInterval)
{
    public static BrokerSettings Default { get; } = new(10, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));
}

/// <summary>
/// An in-memory broker with the delivery model of pubsub.redis (components-contrib v1.16.13
/// pubsub/redis/redis.go, DAPR-CONTRACTS §B.4, §B.6): a topic is an append-only stream; each consumer
/// group (consumerID, the app id by default) starts at the beginning of the stream, so it also gets
/// messages published before it subscribed; members of a group compete, different groups each get every
/// message; a message a member does not acknowledge stays pending and is redelivered once it has been
/// idle for `processingTimeout`, checked every `redeliverInterval` (either "0" disables redelivery).
/// </summary>
public sealed class InMemoryBroker(string name, BrokerSettings settings, DeliveryTracker tracker, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<BrokerMessage>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, string Group), ConsumerGroup> _groups = new();
    private readonly CancellationTokenSource _stopping = new();

    public string Name => name;

    public void Publish(BrokerMessage message)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(message.Topic, out var stream)) _streams[message.Topic] = stream = [];
            stream.Add(message);
            foreach (var group in _groups.Values.Where(g => g.Topic == message.Topic)) group.Enqueue(message);
        }
    }

    /// <summary>Adds a member to the topic's consumer group; dispose the result to leave it.</summary>
    public IDisposable Subscribe(string topic, string consumerGroup, IMessageHandler handler)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue((topic, consumerGroup), out var group))
            {
                group = new ConsumerGroup(this, topic, consumerGroup);
                _groups[(topic, consumerGroup)] = group;
                foreach (var message in _streams.GetValueOrDefault(topic) ?? []) group.Enqueue(message);
                group.Start();
            }
            return group.Join(handler);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        List<ConsumerGroup> groups;
        lock (_gate) groups = _groups.Values.ToList();
        foreach (var group in groups)
        {
            await group.StopAsync().ConfigureAwait(false);
            group.Dispose();
        }
        _stopping.Dispose();
    }

    private sealed class ConsumerGroup(InMemoryBroker broker, string topic, string groupName) : IDisposable
    {
        private readonly Channel<BrokerMessage> _queue = Channel.CreateUnbounded<BrokerMessage>();
        private readonly List<IMessageHandler> _members = [];
        private readonly Dictionary<BrokerMessage, DateTimeOffset> _pending = new(ReferenceEqualityComparer.Instance);
        private readonly SemaphoreSlim _memberJoined = new(0);
        private readonly List<Task> _workers = [];
        private int _next;

        public string Topic => topic;

        public void Enqueue(BrokerMessage message)
        {
            broker.Tracker.Begin();
            _queue.Writer.TryWrite(message);
        }

        public void Start()
        {
            for (var i = 0; i < Math.Max(1, broker.Settings.Concurrency); i++) _workers.Add(Task.Run(WorkAsync));
            if (broker.Settings.RedeliverInterval > TimeSpan.Zero && broker.Settings.ProcessingTimeout > TimeSpan.Zero)
            {
                _workers.Add(Task.Run(ReclaimAsync));
            }
        }

        public Membership Join(IMessageHandler handler)
        {
            lock (_members) _members.Add(handler);
            _memberJoined.Release(broker.Settings.Concurrency + 1);
            return new Membership(() =>
            {
                lock (_members) _members.Remove(handler);
            });
        }

        public async Task StopAsync()
        {
            _queue.Writer.TryComplete();
            _memberJoined.Release(_workers.Count + 1);
            try
            {
                await Task.WhenAll(_workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: queued messages are abandoned with the emulator.
            }
        }

        public void Dispose() => _memberJoined.Dispose();

        private async Task WorkAsync()
        {
            var stopping = broker._stopping.Token;
            await foreach (var message in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                var acknowledged = false;
                try
                {
                    var member = await NextMemberAsync(stopping).ConfigureAwait(false);
                    acknowledged = await member.HandleAsync(message, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    broker.Logger.LogWarning(ex, "delivery of a message on {Pubsub}/{Topic} to group {Group} failed", broker.Name, topic, groupName);
                }
                finally
                {
                    if (!acknowledged && !stopping.IsCancellationRequested)
                    {
                        lock (_pending) _pending[message] = broker.Time.GetUtcNow();
                        broker.Tracker.Park(1);
                    }
                    broker.Tracker.End();
                }
            }
        }

        private async Task<IMessageHandler> NextMemberAsync(CancellationToken stopping)
        {
            while (true)
            {
                lock (_members)
                {
                    if (_members.Count > 0) return _members[_next++ % _members.Count];
                }
                await _memberJoined.WaitAsync(stopping).ConfigureAwait(false);
            }
        }

        private async Task ReclaimAsync()
        {
            var settings = broker.Settings;
            using var timer = new PeriodicTimer(settings.RedeliverInterval, broker.Time);
            while (await timer.WaitForNextTickAsync(broker._stopping.Token).ConfigureAwait(false))
            {
                List<BrokerMessage> due;
                var now = broker.Time.GetUtcNow();
                lock (_pending)
                {
                    due = _pending.Where(p => now - p.Value >= settings.ProcessingTimeout).Select(p => p.Key).ToList();
                    foreach (var message in due) _pending.Remove(message);
                }
                foreach (var message in due)
                {
                    broker.Tracker.Park(-1);
                    Enqueue(message);
                }
            }
        }
    }

    private DeliveryTracker Tracker => tracker;
    private BrokerSettings Settings => settings;
    private TimeProvider Time => time;
    private ILogger Logger => logger;

    private sealed class Membership(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}
