using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// How a `pubsub.rabbitmq` component uses RabbitMQ, read from its metadata with components-contrib v1.16's
/// defaults (pubsub/rabbitmq/metadata.go): `connectionString` (or `host`), `durable` true,
/// `deletedWhenUnused` true, `autoAck` false, `requeueInFailure` false, `deliveryMode` 0 (transient),
/// `prefetchCount` 0 (no limit), `exchangeKind` fanout, `publisherConfirm` false, `concurrency`.
/// </summary>
public sealed record RabbitMqSettings(
    Uri ConnectionString, bool Durable, bool DeleteWhenUnused, bool AutoAck, bool RequeueInFailure,
    byte DeliveryMode, ushort PrefetchCount, string ExchangeKind, bool PublisherConfirm, int Concurrency)
{
    public static RabbitMqSettings FromMetadata(string component, IReadOnlyDictionary<string, string> metadata)
    {
        var connection = metadata.GetValueOrDefault("connectionString") is { Length: > 0 } cs ? cs : metadata.GetValueOrDefault("host");
        if (string.IsNullOrWhiteSpace(connection) || !Uri.TryCreate(connection, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidDataException($"component {component}: connectionString must be an amqp:// or amqps:// URI");
        }
        bool Flag(string key, bool fallback) => bool.TryParse(metadata.GetValueOrDefault(key), out var value) ? value : fallback;
        int Number(string key, int fallback) =>
            int.TryParse(metadata.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
        return new RabbitMqSettings(uri, Flag("durable", true), Flag("deletedWhenUnused", true), Flag("autoAck", false),
            Flag("requeueInFailure", false), (byte)Number("deliveryMode", 0), (ushort)Number("prefetchCount", 0),
            metadata.GetValueOrDefault("exchangeKind") is { Length: > 0 } kind ? kind : ExchangeType.Fanout,
            Flag("publisherConfirm", false), Math.Max(1, Number("concurrency", BrokerSettings.Default.Concurrency)));
    }
}

/// <summary>
/// The broker of `pubsub.rabbitmq` components on a real RabbitMQ, as components-contrib v1.16
/// pubsub/rabbitmq/rabbitmq.go uses it (docs/dapr-pubsub-brokers.md): a topic is an exchange of
/// `exchangeKind`; a consumer group is the queue `{consumerID}-{topic}` bound to it, so replicas of an
/// app id share a queue and every app id has its own; a message is published `text/plain` with the
/// component's delivery mode; a subscriber's success is an ack, a failure a nack that requeues only with
/// `requeueInFailure`. A message published while no queue is bound goes nowhere, as in RabbitMQ.
/// </summary>
public sealed class RabbitMqBroker(string name, RabbitMqSettings settings, DeliveryTracker tracker, ILogger logger) : IPubSubBroker
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new(StringComparer.Ordinal);
    private ConsumerGroups<ConsumerGroup>? _groups;
    private IConnection? _connection;
    private IChannel? _publisher;

    public string Name => name;

    private ConsumerGroups<ConsumerGroup> Groups =>
        LazyInitializer.EnsureInitialized(ref _groups, () => new ConsumerGroups<ConsumerGroup>((topic, group) => new ConsumerGroup(this, topic, group)));

    public async Task PublishAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var expecting = Groups.Expect(message.Topic);
        await _publishing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = _publisher is { IsOpen: true } open ? open : _publisher = await OpenChannelAsync(settings.PublisherConfirm, cancellationToken).ConfigureAwait(false);
            await DeclareExchangeAsync(channel, message.Topic, cancellationToken).ConfigureAwait(false);
            var properties = new BasicProperties { ContentType = "text/plain", DeliveryMode = (DeliveryModes)settings.DeliveryMode };
            await channel.BasicPublishAsync(message.Topic, message.Metadata.GetValueOrDefault("routingKey") ?? "", false, properties, message.Data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException)
        {
            ConsumerGroups<ConsumerGroup>.Unexpect(expecting);
            _publisher = null;
            throw new BrokerUnavailableException($"rabbitmq: error from publish: {ex.Message}", ex);
        }
        finally
        {
            _publishing.Release();
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await (await OpenChannelAsync(confirms: false, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException)
        {
            throw new BrokerUnavailableException($"rabbitmq: error connecting to {settings.ConnectionString.Host}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The queue is the subscription's `queueName`, else `{consumerID}-{topic}` (contrib rabbitmq.go Subscribe):
    /// subscribers naming one queue compete for its messages whatever their app ids.
    /// </summary>
    public Task<IDisposable> SubscribeAsync(string topic, string consumerGroup, IReadOnlyDictionary<string, string> subscriptionMetadata, IMessageHandler handler, CancellationToken cancellationToken) =>
        Groups.JoinAsync(topic, subscriptionMetadata.GetValueOrDefault("queueName") is { Length: > 0 } queue ? queue : $"{consumerGroup}-{topic}", handler, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Groups.DisposeAsync().ConfigureAwait(false);
        if (_publisher is { } publisher) await publisher.DisposeAsync().ConfigureAwait(false);
        if (_connection is { } connection) await connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<IChannel> OpenChannelAsync(bool confirms, CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                var factory = new ConnectionFactory
                {
                    Uri = settings.ConnectionString,
                    ClientProvidedName = "oneday-dapr-emulator",
                    // The client reconnects and declares its queues and bindings again, as contrib's reconnect loop does.
                    AutomaticRecoveryEnabled = true,
                    TopologyRecoveryEnabled = true,
                    NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
                    ConsumerDispatchConcurrency = (ushort)settings.Concurrency,
                };
                _connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                _declared.Clear();
            }
            return await _connection.CreateChannelAsync(new CreateChannelOptions(confirms, confirms), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task DeclareExchangeAsync(IChannel channel, string topic, CancellationToken cancellationToken)
    {
        if (_declared.ContainsKey(topic)) return;
        await channel.ExchangeDeclareAsync(topic, settings.ExchangeKind, settings.Durable, settings.DeleteWhenUnused, cancellationToken: cancellationToken).ConfigureAwait(false);
        _declared[topic] = true;
    }

    /// <summary>One consumer group: its queue, bound to the topic's exchange, consumed by this emulator's replicas in turn.</summary>
    private sealed class ConsumerGroup(RabbitMqBroker broker, string topic, string queue) : IConsumerGroup
    {
        private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
        private readonly CancellationTokenSource _stopping = new();
        private readonly TaskCompletionSource _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IChannel? _channel;
        private Task _starting = Task.CompletedTask;

        public string Topic => topic;

        public GroupMembers Members { get; } = new();

        public GroupDeliveries Deliveries { get; } = new(broker.Tracker);

        public Task Created => _bound.Task;

        public void Start()
        {
            // Until the queue is bound, WaitForIdleAsync waits for it.
            broker.Tracker.Begin();
            _starting = Task.Run(ConsumeAsync);
        }

        private async Task ConsumeAsync()
        {
            var stopping = _stopping.Token;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    var channel = await broker.OpenChannelAsync(confirms: false, stopping).ConfigureAwait(false);
                    await broker.DeclareExchangeAsync(channel, topic, stopping).ConfigureAwait(false);
                    var declared = await channel.QueueDeclareAsync(queue, broker.Settings.Durable, exclusive: false, broker.Settings.DeleteWhenUnused, cancellationToken: stopping).ConfigureAwait(false);
                    await channel.QueueBindAsync(queue, topic, "", cancellationToken: stopping).ConfigureAwait(false);
                    if (broker.Settings.PrefetchCount > 0) await channel.BasicQosAsync(0, broker.Settings.PrefetchCount, false, stopping).ConfigureAwait(false);
                    var consumer = new AsyncEventingBasicConsumer(channel);
                    consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery);
                    await channel.BasicConsumeAsync(queue, broker.Settings.AutoAck, consumer, stopping).ConfigureAwait(false);
                    _channel = channel;
                    Deliveries.StartCounting(declared.MessageCount);
                    broker.Tracker.End();
                    _bound.TrySetResult();
                    return;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested && ex is RabbitMQClientException or OperationInterruptedException or BrokerUnreachableException or AlreadyClosedException or IOException)
                {
                    broker.Logger.LogWarning("rabbitmq: subscribing queue {Queue} to {Topic} failed, trying again: {Error}", queue, topic, ex.Message);
                    try
                    {
                        await Task.Delay(RetryDelay, stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
        {
            var stopping = _stopping.Token;
            var message = new BrokerMessage(topic, delivery.Body.ToArray(), new Dictionary<string, string>());
            var acknowledged = false;
            try
            {
                var member = await Members.NextAsync(stopping).ConfigureAwait(false);
                acknowledged = await member.HandleAsync(message, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                broker.Logger.LogWarning(ex, "rabbitmq: delivering a message on {Topic} from queue {Queue} failed", topic, queue);
            }
            catch (OperationCanceledException)
            {
                // Stopping: unacknowledged, RabbitMQ gives the message to the queue's next consumer.
                return;
            }
            try
            {
                if (!broker.Settings.AutoAck)
                {
                    if (acknowledged) await channel.BasicAckAsync(delivery.DeliveryTag, false, stopping).ConfigureAwait(false);
                    else await channel.BasicNackAsync(delivery.DeliveryTag, false, broker.Settings.RequeueInFailure, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RabbitMQClientException or AlreadyClosedException or OperationCanceledException)
            {
                broker.Logger.LogWarning("rabbitmq: settling a message on {Topic} failed: {Error}", topic, ex.Message);
            }
            Deliveries.Settle();
        }

        public async ValueTask DisposeAsync()
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _starting.ConfigureAwait(false);
            if (_channel is { } channel) await channel.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private RabbitMqSettings Settings => settings;
    private DeliveryTracker Tracker => tracker;
    private ILogger Logger => logger;
}
