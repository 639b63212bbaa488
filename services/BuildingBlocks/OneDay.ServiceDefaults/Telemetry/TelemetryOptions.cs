using OneDay.ServiceDefaults.Configuration;

namespace OneDay.ServiceDefaults.Telemetry;

/// <summary>Where traces and shipped logs go (section "Telemetry").</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Zipkin's span endpoint; `dapr init` runs Zipkin on 9411. Empty turns the exporter off.</summary>
    [AbsoluteHttpUri(ErrorMessage = "Telemetry:ZipkinEndpoint must be an absolute http(s) URI, or empty to send no spans to Zipkin")]
    public string ZipkinEndpoint { get; set; } = "http://localhost:9411/api/v2/spans";

    /// <summary>An OTLP collector (gRPC); unset, the standard OTEL_EXPORTER_OTLP_ENDPOINT is used when that is set.</summary>
    [AbsoluteHttpUri(ErrorMessage = "Telemetry:OtlpEndpoint must be an absolute http(s) URI of an OTLP collector, or unset")]
    public string? OtlpEndpoint { get; set; }

    /// <summary>Loki's base address (its push API is under it); unset, logs go to the console only.</summary>
    [AbsoluteHttpUri(ErrorMessage = "Telemetry:LokiEndpoint must be an absolute http(s) URI of Loki, or unset")]
    public string? LokiEndpoint { get; set; }
}
