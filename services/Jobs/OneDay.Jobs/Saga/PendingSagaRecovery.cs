using Dapr.Actors.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Jobs.Saga;

/// <summary>
/// Starts the saga of any application left Pending longer than a step should take: the request that
/// recorded it may have died before its saga started. Starting a saga twice does nothing, so replicas
/// sweeping at once do no harm.
/// </summary>
public sealed class PendingSagaRecovery(
    IServiceScopeFactory scopes,
    IActorProxyFactory actors,
    IOptions<JobApplicationSagaOptions> options,
    TimeProvider time,
    ILogger<PendingSagaRecovery> logger) : PeriodicSweep(options.Value.RecoverySweep, time, logger)
{
    protected override string Description => "pending saga recovery";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var stale = Time.GetUtcNow() - Period;
        var pending = await db.Applications.Where(a => a.Status == ApplicationStatus.Pending && a.UpdatedAt < stale)
            .OrderBy(a => a.UpdatedAt).Select(a => a.Id).Take(100).ToListAsync(stoppingToken);
        foreach (var applicationId in pending) await ApplicationsApi.StartSagaAsync(actors, applicationId);
    }
}
