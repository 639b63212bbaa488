using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The CloudEvent daprd builds on publish (dapr pkg/runtime/pubsub/cloudevents.go, components-contrib
/// pubsub/envelope.go; docs/dapr-sidecar.md §B.1 and §B.5).
/// </summary>
public static class CloudEventEnvelope
{
    public const string CloudEventsContentType = "application/cloudevents+json";
    public const string DefaultType = "com.dapr.event.sent";

    public static byte[] Build(
        byte[] data,
        string? contentType,
        IReadOnlyDictionary<string, string> metadata,
        string appId,
        string pubsubName,
        string topic,
        TraceContext trace,
        DateTimeOffset now)
    {
        if (IsRawPayload(metadata)) return data;

        var overrides = metadata
            .Where(kv => kv.Key.StartsWith("cloudevent.", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(kv => kv.Key["cloudevent.".Length..].ToLowerInvariant(), kv => kv.Value);
        JsonObject envelope;
        if (contentType?.StartsWith(CloudEventsContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            envelope = JsonNode.Parse(data) as JsonObject
                       ?? throw DaprApiException.MalformedRequest("the cloud event is not a JSON object");
            envelope.TryAdd("time", Rfc3339(now));
            if (!envelope.ContainsKey("traceid"))
            {
                envelope["traceid"] = trace.TraceParent;
                envelope["traceparent"] = trace.TraceParent;
            }
            envelope.TryAdd("tracestate", trace.TraceState);
            envelope.TryAdd("source", "Dapr");
            envelope.TryAdd("type", DefaultType);
            envelope.TryAdd("specversion", "1.0");
        }
        else
        {
            var mediaType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
            var traceParent = overrides.GetValueOrDefault("traceparent") ?? overrides.GetValueOrDefault("traceid") ?? trace.TraceParent;
            envelope = new JsonObject
            {
                ["id"] = overrides.GetValueOrDefault("id") ?? Guid.NewGuid().ToString(),
                ["specversion"] = "1.0",
                ["datacontenttype"] = mediaType,
                ["source"] = overrides.GetValueOrDefault("source") ?? appId,
                ["type"] = overrides.GetValueOrDefault("type") ?? DefaultType,
                ["traceid"] = traceParent,
                ["traceparent"] = traceParent,
                ["tracestate"] = overrides.GetValueOrDefault("tracestate") ?? trace.TraceState,
                ["time"] = Rfc3339(now),
            };
            SetData(envelope, data, mediaType);
            if (overrides.TryGetValue("subject", out var subject)) envelope["subject"] = subject;
        }
        envelope["topic"] = topic;
        envelope["pubsubname"] = pubsubName;
        if (TimeToLive(metadata) is { } ttl) envelope["expiration"] = Rfc3339(now + ttl);
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    /// <summary>What a rawPayload subscription hands the app: the bytes wrapped as data_base64 (§B.2).</summary>
    public static byte[] WrapRaw(BrokerMessage message, string pubsubName)
    {
        var envelope = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["specversion"] = "1.0",
            ["datacontenttype"] = "application/octet-stream",
            ["source"] = "Dapr",
            ["type"] = DefaultType,
            ["topic"] = message.Topic,
            ["pubsubname"] = pubsubName,
            ["data_base64"] = Convert.ToBase64String(message.Data),
        };
        foreach (var key in new[] { "traceid", "traceparent", "tracestate" })
        {
            if (message.Metadata.TryGetValue(key, out var value)) envelope[key] = value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    public static bool IsRawPayload(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("rawPayload", out var raw)) return false;
        return ParseGoBool(raw) ?? throw DaprApiException.PubsubMetadata(
            $"failed deserializing metadata rawPayload: strconv.ParseBool: parsing \"{raw}\": invalid syntax");
    }

    /// <summary>`ttlInSeconds` (alias `ttl`): a positive number of seconds or a Go duration.</summary>
    public static TimeSpan? TimeToLive(IReadOnlyDictionary<string, string> metadata)
    {
        var raw = metadata.GetValueOrDefault("ttlInSeconds") ?? metadata.GetValueOrDefault("ttl");
        if (raw is null) return null;
        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0) return TimeSpan.FromSeconds(seconds);
        if (Configuration.GoDuration.TryParse(raw, out var duration) && duration > TimeSpan.Zero) return duration;
        throw DaprApiException.PubsubMetadata($"incorrect value for metadata 'ttlInSeconds': {raw}");
    }

    private static void SetData(JsonObject envelope, byte[] data, string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim().ToLowerInvariant();
        if (bare == "application/json")
        {
            try
            {
                envelope["data"] = data.Length == 0 ? "" : JsonNode.Parse(data);
                return;
            }
            catch (JsonException)
            {
                // Invalid JSON under a JSON content type: daprd keeps it as a string.
            }
        }
        if (bare is "application/octet-stream" or "application/cloudevents+protobuf")
        {
            envelope["data_base64"] = Convert.ToBase64String(data);
            return;
        }
        envelope["data"] = Encoding.UTF8.GetString(data);
    }

    private static bool? ParseGoBool(string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
