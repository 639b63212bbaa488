namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// A pub/sub component's broker, as daprd's component would use it: publish appends to a topic; each
/// consumer group (the subscriber's consumerID) gets every message, its members compete for them.
/// </summary>
public interface IPubSubBroker : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Hands the message to the broker; throws <see cref="BrokerUnavailableException"/> when it cannot.</summary>
    Task PublishAsync(BrokerMessage message, CancellationToken cancellationToken);

    /// <summary>Succeeds once the broker's server answers; throws <see cref="BrokerUnavailableException"/> while it does not.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a member to the topic's consumer group once the group exists at the broker, so that what is
    /// published after it returns reaches the group; dispose the result to leave it. The subscription's
    /// metadata reaches the broker as daprd passes it to the component (RabbitMQ reads `queueName`).
    /// </summary>
    Task<IDisposable> SubscribeAsync(string topic, string consumerGroup, IReadOnlyDictionary<string, string> subscriptionMetadata, IMessageHandler handler, CancellationToken cancellationToken);
}

/// <summary>The broker's server refused the message or could not be reached.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
