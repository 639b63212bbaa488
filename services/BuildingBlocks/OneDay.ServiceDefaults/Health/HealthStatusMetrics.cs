using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneDay.ServiceDefaults.Telemetry;

namespace OneDay.ServiceDefaults.Health;

/// <summary>
/// The readiness checks' results as the gauge <c>oneday_health_check_status</c> (1 healthy, 0 not) by check:
/// Prometheus alerts on a service that is not ready, and on a sidecar its app cannot reach (the
/// "dapr-sidecar" check), even where Kubernetes only restarts pods and says nothing.
/// </summary>
public sealed class HealthStatusMetrics : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, int> _status = new(StringComparer.Ordinal);

    public HealthStatusMetrics(IMeterFactory meters) =>
        meters.Create(OneDayTelemetry.Meter.Name).CreateObservableGauge("oneday.health.check_status",
            () => _status.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("check", s.Key))),
            description: "1 while the readiness check passes, 0 while it fails");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries) _status[name] = entry.Status == HealthStatus.Healthy ? 1 : 0;
        return Task.CompletedTask;
    }
}

public static class HealthStatusMetricsExtensions
{
    public static void AddHealthStatusMetrics(this IServiceCollection services)
    {
        services.AddSingleton<IHealthCheckPublisher, HealthStatusMetrics>();
        services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Predicate = check => check.Tags.Contains(HealthEndpoints.Ready);
            // Scraped every 15 s: a result older than that would hide a short outage.
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = TimeSpan.FromSeconds(10);
        });
    }
}
