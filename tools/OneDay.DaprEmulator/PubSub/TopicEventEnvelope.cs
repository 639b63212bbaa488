using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>
/// The CloudEvent of a delivery as `AppCallback/OnTopicEvent` carries it to an app that speaks gRPC (dapr
/// pkg/runtime/pubsub/subscriptions.go GRPCEnvelopeFromSubscriptionMessage; docs/dapr-invocation-and-actors-fidelity.md
/// §3): id, source, type, specversion and datacontenttype as fields; `data_base64` decoded, `data` as its text for a
/// text/* or application/xml content type and as JSON for a JSON or CloudEvents one (any other type carries no data);
/// every other attribute (topic, pubsubname, traceparent, time, …) in `extensions`.
/// </summary>
public static class TopicEventEnvelope
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "id", "source", "datacontenttype", "type", "specversion", "data", "data_base64" };

    /// <exception cref="FormatException">The event's data cannot be carried (daprd answers it with a retry).</exception>
    public static TopicEventRequest FromCloudEvent(JsonObject cloudEvent, string topic, string pubsubName, string path)
    {
        var request = new TopicEventRequest
        {
            Id = Text(cloudEvent, "id"),
            Source = Text(cloudEvent, "source"),
            DataContentType = Text(cloudEvent, "datacontenttype"),
            Type = Text(cloudEvent, "type"),
            SpecVersion = Text(cloudEvent, "specversion"),
            Topic = topic,
            PubsubName = pubsubName,
            Path = path,
            Data = Data(cloudEvent, Text(cloudEvent, "datacontenttype")),
        };
        var extensions = new JsonObject();
        foreach (var (name, value) in cloudEvent)
        {
            if (!Fields.Contains(name)) extensions[name] = value?.DeepClone();
        }
        request.Extensions = JsonParser.Default.Parse<Struct>(extensions.ToJsonString());
        return request;
    }

    private static ByteString Data(JsonObject cloudEvent, string contentType)
    {
        if (cloudEvent["data_base64"] is { } base64)
        {
            if (base64.GetValueKind() != JsonValueKind.String) throw new FormatException("unexpected data type encountered in envelope");
            return ByteString.FromBase64(base64.GetValue<string>());
        }
        if (cloudEvent["data"] is not { } data) return ByteString.Empty;
        if (IsText(contentType))
        {
            return data.GetValueKind() == JsonValueKind.String
                ? ByteString.CopyFromUtf8(data.GetValue<string>())
                : throw new FormatException("unexpected data type encountered in envelope");
        }
        return IsType(contentType, "application/json") || IsType(contentType, CloudEventEnvelope.CloudEventsContentType)
            ? ByteString.CopyFromUtf8(data.ToJsonString())
            : ByteString.Empty;
    }

    // components-contrib contenttype.IsStringContentType
    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || IsType(contentType, "application/xml");

    private static bool IsType(string contentType, string expected) =>
        contentType.Split(';')[0].Trim().Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonObject cloudEvent, string name) =>
        cloudEvent[name] is { } value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
}
