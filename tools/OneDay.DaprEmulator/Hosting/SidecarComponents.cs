using Microsoft.Extensions.Logging;
using OneDay.DaprEmulator.Bindings;
using OneDay.DaprEmulator.Configuration;
using OneDay.DaprEmulator.PubSub;
using OneDay.DaprEmulator.Secrets;
using OneDay.DaprEmulator.State;

namespace OneDay.DaprEmulator.Hosting;

public sealed record PubSubComponent(ComponentResource Resource, IPubSubBroker Broker, string ConsumerId, TopicScopes Scopes);

/// <summary>A state store as one app sees it: keys prefixed per `keyPrefix` (docs/dapr-sidecar.md §C.5).</summary>
public sealed record StateStoreComponent(ComponentResource Resource, IStateStore Store, string KeyPrefix, bool IsActorStateStore)
{
    public string Prefixed(string appId, string key) => KeyPrefix.ToLowerInvariant() switch
    {
        "appid" or "" => $"{appId}||{key}",
        "name" => $"{Resource.Name}||{key}",
        "namespace" => $"default.{appId}||{key}",
        "none" => key,
        _ => $"{KeyPrefix}||{key}",
    };

    public string Unprefixed(string storedKey)
    {
        var at = storedKey.IndexOf("||", StringComparison.Ordinal);
        return KeyPrefix.Equals("none", StringComparison.OrdinalIgnoreCase) || at < 0 ? storedKey : storedKey[(at + 2)..];
    }
}

/// <summary>
/// The components one sidecar initialised. Brokers and state stores are the cluster's shared backends
/// (every sidecar loading a component of the same name and type reaches the same data, as they would
/// reach the same Redis); secret stores and bindings are per sidecar, as daprd's are.
/// </summary>
public sealed class SidecarComponents
{
    private static readonly string[] ActorStoreCapabilities = ["ETAG", "TRANSACTIONAL", "TTL", "ACTOR"];

    public Dictionary<string, PubSubComponent> PubSubs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, StateStoreComponent> StateStores { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, LocalFileSecretStore> SecretStores { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, IOutputBinding> Bindings { get; } = new(StringComparer.Ordinal);
    public List<(ComponentResource Resource, IReadOnlyList<string> Capabilities)> Registered { get; } = [];
    public StateStoreComponent? ActorStateStore => StateStores.Values.FirstOrDefault(s => s.IsActorStateStore);

    /// <summary>
    /// The Redis the sidecar's own components use (its actor state store's first), where it meets the sidecars of
    /// other emulator processes (<see cref="SidecarDirectory"/>); null when it loads no Redis component.
    /// </summary>
    public RedisEndpoint? DirectoryRedis { get; private set; }

    public static SidecarComponents Initialise(IReadOnlyList<ComponentResource> resources, SidecarOptions options, EmulatorCluster cluster, ILogger logger)
    {
        var components = new SidecarComponents();
        // Secret stores first: other components may take metadata from them (secretKeyRef).
        foreach (var resource in resources.OrderBy(r => r.BuildingBlock == "secretstores" ? 0 : 1))
        {
            var metadata = ResolveMetadata(resource, options, components);
            switch (resource.Type)
            {
                case var t when t.StartsWith("pubsub.", StringComparison.Ordinal):
                    var consumerId = metadata.GetValueOrDefault("consumerID") is { Length: > 0 } id ? id.Trim() : options.AppId;
                    if (resource.Type == "pubsub.redis") components.DirectoryRedis ??= RedisEndpoint.FromMetadata(resource.Name, metadata);
                    components.PubSubs[resource.Name] = new PubSubComponent(resource, cluster.Broker(resource, metadata), consumerId, new TopicScopes(metadata, options.AppId));
                    components.Registered.Add((resource, []));
                    break;
                case var t when t.StartsWith("state.", StringComparison.Ordinal):
                    var actorStore = bool.TryParse(metadata.GetValueOrDefault("actorStateStore"), out var a) && a;
                    if (actorStore && components.ActorStateStore is { } existing)
                    {
                        throw new InvalidDataException($"detected duplicate actor state store: {existing.Resource.Name} and {resource.Name}");
                    }
                    if (resource.Type == "state.redis" && (actorStore || components.DirectoryRedis is null)) components.DirectoryRedis = RedisEndpoint.FromMetadata(resource.Name, metadata);
                    components.StateStores[resource.Name] = new StateStoreComponent(resource, cluster.StateStore(resource, metadata), metadata.GetValueOrDefault("keyPrefix") ?? "appid", actorStore);
                    components.Registered.Add((resource, actorStore ? ActorStoreCapabilities : ["ETAG", "TRANSACTIONAL", "TTL"]));
                    break;
                case "secretstores.local.file":
                    var file = metadata.GetValueOrDefault("secretsFile") ?? throw new InvalidDataException($"component {resource.Name}: missing secretsFile");
                    components.SecretStores[resource.Name] = new LocalFileSecretStore(
                        Path.IsPathRooted(file) ? file : Path.Combine(options.WorkingDirectory, file),
                        metadata.GetValueOrDefault("nestedSeparator") ?? ":",
                        bool.TryParse(metadata.GetValueOrDefault("multiValued"), out var mv) && mv);
                    components.Registered.Add((resource, []));
                    break;
                case "bindings.localstorage":
                    components.Bindings[resource.Name] = new LocalStorageBinding(metadata.GetValueOrDefault("rootPath") ?? "", options.WorkingDirectory, cluster.BindingLog);
                    components.Registered.Add((resource, []));
                    break;
                case var t when t.StartsWith("bindings.", StringComparison.Ordinal):
                    components.Bindings[resource.Name] = new RecordingBinding(cluster.BindingLog);
                    components.Registered.Add((resource, []));
                    break;
                default:
                    logger.LogWarning("component {Name} of type {Type} is loaded but not emulated", resource.Name, resource.Type);
                    components.Registered.Add((resource, []));
                    break;
            }
        }
        return components;
    }

    private static Dictionary<string, string> ResolveMetadata(ComponentResource resource, SidecarOptions options, SidecarComponents loaded)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in resource.Metadata)
        {
            string? value = item.Value;
            if (item.EnvRef is { } env) value = Environment.GetEnvironmentVariable(env) ?? "";
            if (item.SecretKeyRef is { } secretRef)
            {
                var storeName = resource.AuthSecretStore ?? "kubernetes";
                if (!loaded.SecretStores.TryGetValue(storeName, out var store))
                {
                    throw new InvalidDataException($"component {resource.Name}: secret store {storeName} for {item.Name} is not loaded");
                }
                var secret = store.Get(secretRef.Name) ?? throw new InvalidDataException($"component {resource.Name}: secret {secretRef.Name} not found");
                value = secret.GetValueOrDefault(secretRef.Key ?? secretRef.Name) ?? "";
            }
            values[item.Name] = (value ?? "")
                .Replace("{appID}", options.AppId, StringComparison.Ordinal)
                .Replace("{namespace}", options.Namespace, StringComparison.Ordinal)
                .Replace("{podName}", options.AppId, StringComparison.Ordinal)
                .Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        }
        return values;
    }
}
