using System.Globalization;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// Delivery settings of a pub/sub component, read from its metadata with components-contrib's defaults
/// (pubsub/redis/metadata.yaml): `concurrency` 10, `queueDepth` 100, `processingTimeout` 15s,
/// `redeliverInterval` 60s ("0" for either disables redelivery), `maxLenApprox` unbounded.
/// </summary>
public sealed record BrokerSettings(int Concurrency, TimeSpan ProcessingTimeout, TimeSpan RedeliverInterval, int QueueDepth = 100, long MaxLenApprox = 0)
{
    public static BrokerSettings Default { get; } = new(10, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));

    public bool Redelivers => ProcessingTimeout > TimeSpan.Zero && RedeliverInterval > TimeSpan.Zero;

    public static BrokerSettings FromMetadata(IReadOnlyDictionary<string, string> metadata) => new(
        IntOr(metadata, "concurrency", Default.Concurrency),
        DurationOr(metadata, "processingTimeout", Default.ProcessingTimeout),
        DurationOr(metadata, "redeliverInterval", Default.RedeliverInterval),
        IntOr(metadata, "queueDepth", Default.QueueDepth),
        long.TryParse(metadata.GetValueOrDefault("maxLenApprox"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : 0);

    private static int IntOr(IReadOnlyDictionary<string, string> metadata, string key, int fallback) =>
        int.TryParse(metadata.GetValueOrDefault(key), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static TimeSpan DurationOr(IReadOnlyDictionary<string, string> metadata, string key, TimeSpan fallback) =>
        GoDuration.TryParse(metadata.GetValueOrDefault(key), out var value) ? value : fallback;
}
