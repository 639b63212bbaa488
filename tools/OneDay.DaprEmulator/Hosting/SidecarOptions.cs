namespace OneDay.DaprEmulator.Hosting;

/// <summary>What `daprd` takes on its command line, for one sidecar.</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>The app's port; 0 when the sidecar has no app (like `dapr run` without --app-port).</summary>
    public int AppPort { get; init; }

    public string AppChannelAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// daprd's --app-protocol. With "grpc" the app serves gRPC (HTTP/2 without TLS): proxied gRPC calls reach it, and
    /// the sidecar reaches it through the AppCallback service (invocation, subscriptions, deliveries, health) instead
    /// of HTTP: docs/dapr-invocation-and-actors-fidelity.md §3.
    /// </summary>
    public string AppProtocol { get; init; } = "http";

    public bool AppSpeaksGrpc => AppProtocol is "grpc" or "grpcs";

    /// <summary>Sidecar HTTP API port; 0 picks a free one (read <see cref="Sidecar.HttpPort"/> after start).</summary>
    public int HttpPort { get; init; }

    public int GrpcPort { get; init; }

    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];

    public string? ConfigFile { get; init; }

    /// <summary>Relative component paths (secretsFile, rootPath) resolve here, as against daprd's working directory.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>When set, every API call must carry `dapr-api-token` (env DAPR_API_TOKEN on daprd).</summary>
    public string? DaprApiToken { get; init; }

    /// <summary>When set, every call to the app carries `dapr-api-token` (env APP_API_TOKEN on daprd).</summary>
    public string? AppApiToken { get; init; }

    public bool EnableAppHealthCheck { get; init; }

    public string AppHealthCheckPath { get; init; } = "/healthz";

    public TimeSpan AppHealthProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string Namespace { get; init; } = "default";

    /// <summary>
    /// daprd's --max-body-size, in bytes: the largest HTTP request body and gRPC message either way, workflow
    /// work items and completions included (dapr pkg/api/grpc/server.go; default 4Mi, pkg/runtime/config.go).
    /// </summary>
    public int MaxBodySize { get; init; } = DefaultMaxBodySize;

    public const int DefaultMaxBodySize = 4 << 20;
}
