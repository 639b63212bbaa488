using Dapr.Actors.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Payments.Data;
using OneDay.Payments.Payments;
using OneDay.Payments.Wallet;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Payments.Saga;

/// <summary>
/// Finishes work whose request died half-way: a confirmed payment whose saga never started (the request
/// committed, then crashed before starting it), and a held withdrawal never paid out. Starting a saga
/// twice does nothing and payouts are idempotent per withdrawal, so replicas sweeping at once do no harm.
/// </summary>
public sealed class StalledWorkRecovery(
    IServiceScopeFactory scopes,
    IActorProxyFactory actors,
    IOptions<PaymentSagaOptions> options,
    TimeProvider time,
    ILogger<StalledWorkRecovery> logger) : PeriodicSweep(options.Value.RecoverySweep, time, logger)
{
    protected override string Description => "stalled payment recovery";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var stale = Time.GetUtcNow() - Period;
        var processing = await db.Payments.Where(p => p.Status == PaymentStatus.Processing && p.CreatedAt < stale)
            .OrderBy(p => p.Id).Select(p => p.Id).Take(100).ToListAsync(stoppingToken);
        foreach (var paymentId in processing) await PaymentSagaStarter.StartAsync(actors, paymentId);

        var held = await db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Requested && w.RequestedAt < stale)
            .OrderBy(w => w.Id).Select(w => w.Id).Take(100).ToListAsync(stoppingToken);
        var payouts = scope.ServiceProvider.GetRequiredService<Payouts>();
        foreach (var withdrawalId in held) await payouts.PayOutAsync(withdrawalId, stoppingToken);
    }
}
