using Dapr.Actors.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Payments.Data;
using OneDay.Payments.Payments;
using OneDay.Payments.Wallet;

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
    ILogger<StalledWorkRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoverySweep, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("stalled payment recovery failed, trying again next sweep: {Error}", ex.Message);
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var stale = time.GetUtcNow() - options.Value.RecoverySweep;
        var processing = await db.Payments.Where(p => p.Status == PaymentStatus.Processing && p.CreatedAt < stale)
            .OrderBy(p => p.Id).Select(p => p.Id).Take(100).ToListAsync(stoppingToken);
        foreach (var paymentId in processing) await PaymentsApi.StartSagaAsync(actors, paymentId);

        var held = await db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Requested && w.RequestedAt < stale)
            .OrderBy(w => w.Id).Select(w => w.Id).Take(100).ToListAsync(stoppingToken);
        var payouts = scope.ServiceProvider.GetRequiredService<Payouts>();
        foreach (var withdrawalId in held) await payouts.PayOutAsync(withdrawalId, stoppingToken);
    }
}
