using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;
using StackExchange.Redis;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The broker of `pubsub.redis` components: Redis Streams on a real Redis, in the layout of
/// components-contrib v1.16 pubsub/redis/redis.go (docs/dapr-pubsub-brokers.md), so daprd and the emulator
/// can take turns on one server. A topic is a stream; a publish is `XADD topic [MAXLEN ~ n] * data &lt;bytes&gt;
/// metadata &lt;json&gt;`; a consumer group (the consumerID) is created at "0" with MKSTREAM, so it also gets
/// entries published before it subscribed; its readers use the group name as consumer name and
/// `XREADGROUP … &gt;`; an entry is XACKed when the subscriber is done with it, otherwise it stays pending
/// and is XCLAIMed and delivered again once idle for `processingTimeout`, checked every `redeliverInterval`.
/// </summary>
public sealed class RedisStreamsBroker(string name, RedisEndpoint endpoint, BrokerSettings settings, RedisConnections connections, DeliveryTracker tracker, ILogger logger)
    : IPubSubBroker
{
    private static readonly TimeSpan ReadBlock = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private ConsumerGroups<ConsumerGroup>? _groups;

    public string Name => name;

    private ConsumerGroups<ConsumerGroup> Groups =>
        LazyInitializer.EnsureInitialized(ref _groups, () => new ConsumerGroups<ConsumerGroup>((topic, group) => new ConsumerGroup(this, topic, group)));

    public async Task PublishAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var expecting = Groups.Expect(message.Topic);
        try
        {
            NameValueEntry[] fields =
            [
                new("data", message.Data),
                new("metadata", JsonSerializer.Serialize(message.Metadata)),
            ];
            var database = await connections.DatabaseAsync(endpoint).ConfigureAwait(false);
            await database
                .StreamAddAsync(message.Topic, fields, maxLength: settings.MaxLenApprox > 0 ? settings.MaxLenApprox : null, useApproximateMaxLength: true)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ConsumerGroups<ConsumerGroup>.Unexpect(expecting);
            throw new BrokerUnavailableException($"redis streams: error from publish: {ex.Message}", ex);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (await connections.DatabaseAsync(endpoint).ConfigureAwait(false)).PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new BrokerUnavailableException($"redis streams: error connecting to redis at {endpoint.Host}: {ex.Message}", ex);
        }
    }

    public Task<IDisposable> SubscribeAsync(string topic, string consumerGroup, IReadOnlyDictionary<string, string> subscriptionMetadata, IMessageHandler handler, CancellationToken cancellationToken) =>
        Groups.JoinAsync(topic, consumerGroup, handler, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Groups.DisposeAsync().ConfigureAwait(false);
    }

    private static BrokerMessage ToMessage(string topic, StreamEntry entry)
    {
        byte[] data = [];
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        foreach (var field in entry.Values)
        {
            if (field.Name == "data") data = (byte[]?)field.Value ?? [];
            else if (field.Name == "metadata" && !field.Value.IsNullOrEmpty)
            {
                metadata = JsonSerializer.Deserialize<Dictionary<string, string>>((string)field.Value!) ?? metadata;
            }
        }
        return new BrokerMessage(topic, data, metadata);
    }

    /// <summary>
    /// One consumer group as this emulator reads it: a reader blocked in XREADGROUP on a connection of its
    /// own, `concurrency` workers taking entries from a queue of `queueDepth`, and the reclaim loop.
    /// </summary>
    private sealed class ConsumerGroup(RedisStreamsBroker broker, string topic, string group) : IConsumerGroup
    {
        private readonly Channel<StreamEntry> _queue = Channel.CreateBounded<StreamEntry>(Math.Max(1, broker.Settings.QueueDepth));
        private readonly CancellationTokenSource _stopping = new();
        private readonly List<Task> _loops = [];
        private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
        private readonly HashSet<string> _parked = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ConnectionMultiplexer? _reader;

        public string Topic => topic;

        public GroupMembers Members { get; } = new();

        public GroupDeliveries Deliveries { get; } = new(broker.Tracker);

        public Task Created => _created.Task;

        private Task<IDatabase> DatabaseAsync() => broker.Connections.DatabaseAsync(broker.Endpoint);

        public void Start()
        {
            // Until the group exists in Redis, WaitForIdleAsync waits for it: the entries it will find count.
            broker.Tracker.Begin();
            _loops.Add(Task.Run(ReadAsync));
            for (var i = 0; i < Math.Max(1, broker.Settings.Concurrency); i++) _loops.Add(Task.Run(WorkAsync));
            if (broker.Settings.Redelivers) _loops.Add(Task.Run(ReclaimAsync));
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _queue.Writer.TryComplete();
            // A read blocked in Redis ends when its connection does; it is not waited for.
            if (_reader is { } reader)
            {
                await reader.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
                reader.Dispose();
            }
            try
            {
                await Task.WhenAll(_loops).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what was read but not handled stays pending in Redis for the next reader.
            }
            _stopping.Dispose();
        }

        private async Task ReadAsync()
        {
            var stopping = _stopping.Token;
            var created = false;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    _reader ??= await RedisConnections.ConnectBlockingAsync(broker.Endpoint).ConfigureAwait(false);
                    if (!created)
                    {
                        await CreateGroupAsync().ConfigureAwait(false);
                        created = true;
                    }
                    var result = await _reader.GetDatabase(broker.Endpoint.Database).ExecuteAsync("XREADGROUP",
                        "GROUP", group, group, "COUNT", broker.Settings.QueueDepth, "BLOCK", (long)ReadBlock.TotalMilliseconds,
                        "STREAMS", topic, ">").ConfigureAwait(false);
                    foreach (var entry in ParseRead(result)) await _queue.Writer.WriteAsync(entry, stopping).ConfigureAwait(false);
                }
                catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                {
                    // The stream or group was deleted (or Redis lost its data): create it again, as daprd does.
                    broker.Logger.LogWarning("redis streams: consumer group {Group} does not exist for stream {Topic}; recreating it", group, topic);
                    created = false;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    broker.Logger.LogWarning("redis streams: error reading from stream {Topic}: {Error}", topic, ex.Message);
                    await Delay(RetryDelay, stopping).ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// XGROUP CREATE … 0 MKSTREAM; a group created here counts the entries already in the stream, read in
        /// the same transaction, so that WaitForIdleAsync also waits for those.
        /// </summary>
        private async Task CreateGroupAsync()
        {
            var transaction = (await DatabaseAsync().ConfigureAwait(false)).CreateTransaction();
            var create = transaction.ExecuteAsync("XGROUP", "CREATE", topic, group, "0", "MKSTREAM");
            var length = transaction.StreamLengthAsync(topic);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            var existing = 0L;
            try
            {
                await create.ConfigureAwait(false);
                existing = await length.ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists (another replica, an earlier run, daprd): it goes on where it stood.
            }
            Deliveries.StartCounting(existing);
            if (_created.TrySetResult()) broker.Tracker.End();
        }

        private async Task WorkAsync()
        {
            var stopping = _stopping.Token;
            await foreach (var entry in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                var id = entry.Id.ToString();
                var acknowledged = false;
                try
                {
                    var member = await Members.NextAsync(stopping).ConfigureAwait(false);
                    acknowledged = await member.HandleAsync(ToMessage(topic, entry), stopping).ConfigureAwait(false);
                    if (acknowledged) await (await DatabaseAsync().ConfigureAwait(false)).StreamAcknowledgeAsync(topic, group, entry.Id).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    broker.Logger.LogWarning(ex, "redis streams: delivering {Id} on {Topic} to group {Group} failed", id, topic, group);
                    acknowledged = false;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    lock (_parked) _inFlight.Remove(id);
                }
                // A counted message left unacknowledged waits in Redis's pending list for redelivery.
                if (Deliveries.Settle() && !acknowledged)
                {
                    lock (_parked)
                    {
                        if (_parked.Add(id)) broker.Tracker.Park(1);
                    }
                }
            }
        }

        private async Task ReclaimAsync()
        {
            var stopping = _stopping.Token;
            try
            {
                await _created.Task.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await ReclaimOnceAsync(stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // Whatever went wrong, the loop goes on (as daprd's does): a loop that ended would leave every
                    // failed entry pending for good, with nothing in the log after this line.
                    broker.Logger.LogWarning("redis streams: error reclaiming pending messages of {Topic}: {Error}", topic, ex.Message);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                await Delay(broker.Settings.RedeliverInterval, stopping).ConfigureAwait(false);
            }
        }

        private async Task ReclaimOnceAsync(CancellationToken stopping)
        {
            var idleEnough = (long)broker.Settings.ProcessingTimeout.TotalMilliseconds;
            var database = await DatabaseAsync().ConfigureAwait(false);
            var pending = await database.StreamPendingMessagesAsync(topic, group, broker.Settings.QueueDepth, RedisValue.Null).ConfigureAwait(false);
            List<RedisValue> due;
            lock (_parked)
            {
                // An entry this emulator is still handling is not given to a second member meanwhile.
                due = pending.Where(p => p.IdleTimeInMilliseconds >= idleEnough && !_inFlight.Contains(p.MessageId.ToString()))
                    .Select(p => p.MessageId).ToList();
            }
            if (due.Count == 0) return;
            var claimed = await database.StreamClaimAsync(topic, group, group, idleEnough, due.ToArray()).ConfigureAwait(false);
            var present = claimed.Where(e => !e.IsNull).ToList();
            // Entries trimmed from the stream meanwhile cannot be delivered: they leave the pending list.
            var gone = due.Except(present.Select(e => e.Id)).ToArray();
            if (gone.Length > 0) await database.StreamAcknowledgeAsync(topic, group, gone).ConfigureAwait(false);
            foreach (var entry in present)
            {
                var id = entry.Id.ToString();
                lock (_parked)
                {
                    if (_parked.Remove(id))
                    {
                        broker.Tracker.Park(-1);
                        Deliveries.Expect();
                    }
                    _inFlight.Add(id);
                }
                await _queue.Writer.WriteAsync(entry, stopping).ConfigureAwait(false);
            }
        }

        private static async Task Delay(TimeSpan delay, CancellationToken stopping)
        {
            try
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        private List<StreamEntry> ParseRead(RedisResult result)
        {
            var entries = new List<StreamEntry>();
            if (result.IsNull || result.Resp2Type != ResultType.Array) return entries;
            foreach (var stream in (RedisResult[])result!)
            {
                var parts = (RedisResult[])stream!;
                foreach (var raw in (RedisResult[])parts[1]!)
                {
                    var item = (RedisResult[])raw!;
                    var values = (RedisResult[])item[1]!;
                    var fields = new NameValueEntry[values.Length / 2];
                    for (var i = 0; i < fields.Length; i++) fields[i] = new NameValueEntry((RedisValue)values[2 * i], (RedisValue)values[2 * i + 1]);
                    var entry = new StreamEntry((RedisValue)item[0], fields);
                    lock (_parked) _inFlight.Add(entry.Id.ToString());
                    entries.Add(entry);
                }
            }
            return entries;
        }
    }

    private RedisEndpoint Endpoint => endpoint;
    private RedisConnections Connections => connections;
    private BrokerSettings Settings => settings;
    private DeliveryTracker Tracker => tracker;
    private ILogger Logger => logger;
}
