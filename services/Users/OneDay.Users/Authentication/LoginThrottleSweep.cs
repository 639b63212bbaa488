using Microsoft.Extensions.Options;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Users.Authentication;

/// <summary>
/// Prunes failed logins that have left the throttle's window, of every key: a key that is never tried again
/// (an address that moved on, an e-mail guessed once) would otherwise keep its rows for ever.
/// </summary>
public sealed class LoginThrottleSweep(IServiceScopeFactory scopes, IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottleSweep> logger)
    : PeriodicSweep(options.Value.PruneInterval, time, logger)
{
    protected override string Description => "pruning expired failed logins";

    protected override async Task SweepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LoginThrottle>().PruneExpiredAsync(stoppingToken);
    }
}
