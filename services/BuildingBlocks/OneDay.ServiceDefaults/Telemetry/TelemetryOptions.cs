namespace OneDay.ServiceDefaults.Telemetry;

/// <summary>Where traces go (section "Telemetry").</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Zipkin's span endpoint; `dapr init` runs Zipkin on 9411. Empty turns the exporter off.</summary>
    public string ZipkinEndpoint { get; set; } = "http://localhost:9411/api/v2/spans";

    /// <summary>An OTLP collector (gRPC), when one is configured.</summary>
    public string? OtlpEndpoint { get; set; }
}
