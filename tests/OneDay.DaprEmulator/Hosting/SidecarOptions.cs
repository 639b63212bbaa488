namespace OneDay.DaprEmulator.Hosting;

/// <summary>What `daprd` takes on its command line, for one sidecar.</summary>
public sealed record SidecarOptions
{
    public required string AppId { get; init; }

    /// <summary>The app's port; 0 when the sidecar has no app (like `dapr run` without --app-port).</summary>
    public int AppPort { get; init; }

    public string AppChannelAddress { get; init; } = "127.0.0.1";

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
}
