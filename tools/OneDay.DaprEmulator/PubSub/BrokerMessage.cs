namespace OneDay.DaprEmulator.PubSub;

/// <summary>A message as the broker stores it: the published bytes and the publish metadata.</summary>
public sealed record BrokerMessage(string Topic, byte[] Data, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A subscriber's verdict: acknowledged (done, whatever happened) or not (the broker redelivers).</summary>
public interface IMessageHandler
{
    Task<bool> HandleAsync(BrokerMessage message, CancellationToken cancellationToken);
}
