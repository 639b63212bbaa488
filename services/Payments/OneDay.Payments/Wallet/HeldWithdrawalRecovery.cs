using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Payments.Data;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Payments.Wallet;

/// <summary>
/// Pays out held withdrawals whose request died half-way (the hold committed, then the process stopped
/// before the payout). Payouts are idempotent per withdrawal, so replicas sweeping at once do no harm.
/// </summary>
public sealed class HeldWithdrawalRecovery(
    IServiceScopeFactory scopes,
    IOptions<WithdrawalRecoveryOptions> options,
    TimeProvider time,
    ILogger<HeldWithdrawalRecovery> logger) : PeriodicSweep(options.Value.Sweep, time, logger)
{
    protected override string Description => "held withdrawal recovery";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var stale = Time.GetUtcNow() - Period;
        var held = await db.Withdrawals.Where(w => w.Status == WithdrawalStatus.Requested && w.RequestedAt < stale)
            .OrderBy(w => w.Id).Select(w => w.Id).Take(100).ToListAsync(stoppingToken);
        var payouts = scope.ServiceProvider.GetRequiredService<Payouts>();
        foreach (var withdrawalId in held) await payouts.PayOutAsync(withdrawalId, stoppingToken);
    }
}
