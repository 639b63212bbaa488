using System.Text.Json.Serialization;
using OneDay.DaprEmulator.Hosting;

namespace OneDay.DaprEmulator.Http;

/// <summary>What `GET /v1.0/metadata` (and gRPC GetMetadata) report about a sidecar.</summary>
public static class SidecarMetadata
{
    public const string RuntimeVersion = "1.16.0-oneday-emulator";

    public static object Describe(Sidecar sidecar) => new
    {
        id = sidecar.AppId,
        runtimeVersion = RuntimeVersion,
        enabledFeatures = sidecar.Resources.Configuration.EnabledFeatures,
        actors = sidecar.Cluster.Actors.HostedTypes(sidecar)
            .Select(type => new { type, count = sidecar.Cluster.Actors.ActiveActors(sidecar).GetValueOrDefault(type) }),
        components = sidecar.Components.Registered.Select(c => new
        {
            name = c.Resource.Name,
            type = c.Resource.Type,
            version = c.Resource.Version,
            capabilities = c.Capabilities,
        }),
        extended = sidecar.ExtendedMetadata,
        subscriptions = sidecar.PubSub.Subscriptions.Select(s => new
        {
            pubsubname = s.PubsubName,
            topic = s.Topic,
            metadata = s.Metadata,
            rules = new { rules = s.Rules.Select(r => new { match = r.Match ?? "", path = r.Path }) },
            deadLetterTopic = s.DeadLetterTopic ?? "",
        }),
        appConnectionProperties = new
        {
            port = sidecar.Options.AppPort,
            protocol = "http",
            channelAddress = sidecar.Options.AppChannelAddress,
        },
        workflows = new WorkflowsMetadata(sidecar.Workflows.ConnectedWorkers),
    };

    /// <summary>
    /// Always present; the count is left out while it is 0, as Go's omitempty does
    /// (dapr pkg/api/http/metadata.go metadataWorkflows; docs/dapr-workflow.md W.6.3).
    /// </summary>
    private sealed record WorkflowsMetadata(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ConnectedWorkers);
}
