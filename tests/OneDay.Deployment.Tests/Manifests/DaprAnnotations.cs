namespace OneDay.Deployment.Tests.Manifests;

/// <summary>The dapr.io/* pod annotations the sidecar injector reads (docs/dapr-sidecar.md §D.5, dapr pkg/injector/annotations).</summary>
internal static class DaprAnnotations
{
    public const string Enabled = "dapr.io/enabled";
    public const string AppId = "dapr.io/app-id";
    public const string AppPort = "dapr.io/app-port";
    public const string AppProtocol = "dapr.io/app-protocol";
    public const string ConfigurationName = "dapr.io/config";
    public const string EnableApiLogging = "dapr.io/enable-api-logging";
    public const string EnableAppHealthCheck = "dapr.io/enable-app-health-check";
    public const string AppHealthCheckPath = "dapr.io/app-health-check-path";
    public const string ApiTokenSecret = "dapr.io/api-token-secret";
    public const string AppTokenSecret = "dapr.io/app-token-secret";

    public static readonly string[] SidecarResources =
        ["dapr.io/sidecar-cpu-request", "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-request", "dapr.io/sidecar-memory-limit"];

    /// <summary>
    /// The injector ignores an annotation it does not know, so a misspelt one is a setting that silently does
    /// nothing. Extend the list from dapr's annotations.go when a real one is needed.
    /// </summary>
    public static readonly string[] Known =
    [
        Enabled, AppId, AppPort, AppProtocol, ConfigurationName, EnableApiLogging, EnableAppHealthCheck, AppHealthCheckPath,
        ApiTokenSecret, AppTokenSecret, .. SidecarResources,
        "dapr.io/log-level", "dapr.io/log-as-json", "dapr.io/app-max-concurrency", "dapr.io/app-health-probe-interval",
        "dapr.io/app-health-probe-timeout", "dapr.io/app-health-threshold", "dapr.io/env", "dapr.io/grpc-port",
        "dapr.io/http-max-request-size", "dapr.io/max-body-size", "dapr.io/read-buffer-size", "dapr.io/graceful-shutdown-seconds",
        "dapr.io/sidecar-listen-addresses", "dapr.io/enable-metrics", "dapr.io/metrics-port", "dapr.io/placement-host-address",
        "dapr.io/scheduler-host-address", "dapr.io/disable-builtin-k8s-secret-store", "dapr.io/volume-mounts",
        "dapr.io/volume-mounts-rw", "dapr.io/app-channel-address",
    ];

    /// <summary>The key the injector reads from the Secrets named by api-token-secret and app-token-secret.</summary>
    public const string TokenKey = "token";
}
