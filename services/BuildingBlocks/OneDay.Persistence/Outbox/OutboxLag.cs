using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;
using OneDay.ServiceDefaults.Telemetry;

namespace OneDay.Persistence.Outbox;

/// <summary>
/// The outbox's lag as the gauge <c>oneday_outbox_oldest_unsent_age_seconds</c>: how long the oldest row not
/// yet published has waited. Sampled apart from the dispatcher, so a dispatcher that hangs or cannot reach
/// its sidecar shows as a growing age rather than as silence; the age is worked out at each scrape from
/// the last sample, so it grows between samples too. Zero when every row is sent.
/// </summary>
public sealed class OutboxLag<TContext>(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider time, IMeterFactory meters, ILogger<OutboxLag<TContext>> logger)
    : PeriodicSweep(options.Value.LagSampleInterval, time, logger)
    where TContext : DbContext
{
    private readonly Lock _sample = new();
    private DateTimeOffset? _oldestUnsent;

    protected override string Description => "sampling the outbox's oldest unsent row";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        meters.Create(OneDayTelemetry.Meter.Name).CreateObservableGauge("oneday.outbox.oldest_unsent_age", Age, unit: "s",
            description: "How long the oldest integration event not yet published has waited in the outbox");
        return base.StartAsync(cancellationToken);
    }

    private double Age()
    {
        lock (_sample) return _oldestUnsent is { } oldest ? Math.Max(0, (Time.GetUtcNow() - oldest).TotalSeconds) : 0;
    }

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var oldest = await db.Set<OutboxMessage>().Where(m => m.SentAt == null).MinAsync(m => (DateTimeOffset?)m.CreatedAt, stoppingToken);
        lock (_sample) _oldestUnsent = oldest;
    }
}
