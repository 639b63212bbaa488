using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults.Health;
using OneDay.ServiceDefaults.Telemetry.Logs;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OneDay.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    // /health covers /health/ready too: the paths are matched as prefixes.
    private static readonly string[] Unsampled = [HealthEndpoints.LivePath, HealthEndpoints.DaprPath, OperationalEndpoints.Metrics];

    /// <summary>
    /// JSON console logs that carry trace and span ids, and the same records shipped to Loki when
    /// Telemetry:LokiEndpoint is set; traces (ASP.NET Core, HttpClient, gRPC client,
    /// Npgsql, OneDay's own) to Zipkin and OTLP; metrics for Prometheus. The W3C traceparent that Dapr
    /// passes on with calls and events joins each span to the caller's trace.
    /// </summary>
    public static void AddServiceTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        // Every SQL statement at Information drowns the log; failures are still logged as errors.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var options = builder.AddValidatedOptionsNow<TelemetryOptions>(TelemetryOptions.Section);
        if (!string.IsNullOrEmpty(options.LokiEndpoint))
        {
            var loki = new Uri(options.LokiEndpoint);
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.IncludeFormattedMessage = true;
                o.ParseStateValues = true;
                // Batches leave every second: an operator reading Loki during an incident should not wait longer.
                o.AddProcessor(new BatchLogRecordExportProcessor(new LokiLogExporter(loki, serviceName), scheduledDelayMilliseconds: 1000));
            });
        }
        builder.Services.AddHealthStatusMetrics();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsInfrastructure(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddGrpcClientInstrumentation()
                    .AddSource("Npgsql")
                    // The workflow SDK's spans: an activity runs inside the trace of the request that started its workflow.
                    .AddSource("Dapr.Workflow")
                    .AddSource(OneDayTelemetry.Prefix + "*");
                if (!string.IsNullOrEmpty(options.ZipkinEndpoint))
                {
                    // Obsolete in OpenTelemetry 1.20, but Zipkin is the tracing back end `dapr init` provides.
#pragma warning disable CS0618
                    tracing.AddZipkinExporter(z => z.Endpoint = new Uri(options.ZipkinEndpoint));
#pragma warning restore CS0618
                }
                if (!string.IsNullOrEmpty(options.OtlpEndpoint)) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
                // The exporter reads the standard variable itself (with OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS …), as
                // collectors and the OpenTelemetry operator set them.
                else if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(OneDayTelemetry.Prefix + "*")
                .AddPrometheusExporter());
    }

    private static bool IsInfrastructure(PathString path) =>
        Unsampled.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
