using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The broker of `pubsub.in-memory` components: in the emulator's memory, with the delivery model of pubsub.redis (components-contrib v1.16.13
/// pubsub/redis/redis.go, docs/dapr-sidecar.md §B.4, §B.6): a topic is an append-only stream; each consumer
/// group (consumerID, the app id by default) starts at the beginning of the stream, so it also gets
/// messages published before it subscribed; members of a group compete, different groups each get every
/// message; a message a member does not acknowledge stays pending and is redelivered once it has been
/// idle for `processingTimeout`, checked every `redeliverInterval` (either "0" disables redelivery).
/// </summary>
public sealed class InMemoryBroker(string name, BrokerSettings settings, DeliveryTracker tracker, TimeProvider time, ILogger logger) : IPubSubBroker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<BrokerMessage>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, string Group), ConsumerGroup> _groups = new();
    private readonly CancellationTokenSource _stopping = new();

    public string Name => name;

    public Task PublishAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_streams.TryGetValue(message.Topic, out var stream)) _streams[message.Topic] = stream = [];
            stream.Add(message);
            foreach (var group in _groups.Values.Where(g => g.Topic == message.Topic)) group.Enqueue(message);
        }
        return Task.CompletedTask;
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IDisposable> SubscribeAsync(string topic, string consumerGroup, IReadOnlyDictionary<string, string> subscriptionMetadata, IMessageHandler handler, CancellationToken cancellationToken) =>
        Task.FromResult(Subscribe(topic, consumerGroup, handler));

    private IDisposable Subscribe(string topic, string consumerGroup, IMessageHandler handler)
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
        }
        _stopping.Dispose();
    }

    private sealed class ConsumerGroup(InMemoryBroker broker, string topic, string groupName)
    {
        private readonly Channel<BrokerMessage> _queue = Channel.CreateUnbounded<BrokerMessage>();
        private readonly GroupMembers _members = new();
        private readonly Dictionary<BrokerMessage, DateTimeOffset> _pending = new(ReferenceEqualityComparer.Instance);
        private readonly List<Task> _workers = [];

        public string Topic => topic;

        public void Enqueue(BrokerMessage message)
        {
            broker.Tracker.Begin();
            _queue.Writer.TryWrite(message);
        }

        public void Start()
        {
            for (var i = 0; i < Math.Max(1, broker.Settings.Concurrency); i++) _workers.Add(Task.Run(WorkAsync));
            if (broker.Settings.Redelivers)
            {
                _workers.Add(Task.Run(ReclaimAsync));
            }
        }

        public IDisposable Join(IMessageHandler handler) => _members.Join(handler);

        public async Task StopAsync()
        {
            _queue.Writer.TryComplete();
            try
            {
                await Task.WhenAll(_workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: queued messages are abandoned with the emulator.
            }
        }

        private async Task WorkAsync()
        {
            var stopping = broker._stopping.Token;
            await foreach (var message in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                var acknowledged = false;
                try
                {
                    var member = await _members.NextAsync(stopping).ConfigureAwait(false);
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
}
