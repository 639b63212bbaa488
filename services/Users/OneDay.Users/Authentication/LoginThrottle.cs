using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Users.Data;

namespace OneDay.Users.Authentication;

/// <summary>
/// Failed logins counted per account and per client address in PostgreSQL, not in memory: every replica
/// sees the same counts (an in-memory limit would multiply by the replica count behind the gateway's
/// load balancing) and a restart does not reset them. The account key is the normalised e-mail whether
/// or not the account exists, so throttling reveals nothing either.
/// </summary>
public sealed class LoginThrottle(UsersDbContext db, IOptions<LoginThrottleOptions> options, TimeProvider time)
{
    public static string AccountKey(string email) => $"account:{email}";

    public static string AddressKey(IPAddress? address) => $"address:{address?.MapToIPv6()}";

    /// <summary>How long the caller must wait, or null when either key may try now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string accountKey, string addressKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - options.Value.Window;
        var account = await BlockedUntilAsync(accountKey, options.Value.FailuresPerAccount, since, cancellationToken);
        var address = await BlockedUntilAsync(addressKey, options.Value.FailuresPerAddress, since, cancellationToken);
        var until = new[] { account, address }.Max();
        return until > now ? until - now : null;
    }

    public async Task RecordFailureAsync(string accountKey, string addressKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.LoginFailures.AddRange(
            new LoginFailure { ThrottleKey = accountKey, FailedAt = now },
            new LoginFailure { ThrottleKey = addressKey, FailedAt = now });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Clears the account's count: after a successful login (not the address's: one success among many
    /// failures still is stuffing), and when the account is deleted, since the key holds its e-mail address.
    /// </summary>
    public Task ForgetAccountAsync(string accountKey, CancellationToken cancellationToken) =>
        db.LoginFailures.Where(f => f.ThrottleKey == accountKey).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Deletes the failures of every key that have left the window: they no longer count, and the e-mail
    /// addresses and client addresses in their keys are kept no longer than they serve (<see cref="LoginThrottleSweep"/>).
    /// </summary>
    public Task<int> PruneExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = time.GetUtcNow() - options.Value.Window;
        return db.LoginFailures.Where(f => f.FailedAt <= expired).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>When the key's oldest failure in the window leaves it again, if it has reached the limit.</summary>
    private async Task<DateTimeOffset?> BlockedUntilAsync(string key, int limit, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var recent = await db.LoginFailures.Where(f => f.ThrottleKey == key && f.FailedAt > since)
            .OrderByDescending(f => f.FailedAt).Select(f => f.FailedAt).Take(limit).ToListAsync(cancellationToken);
        return recent.Count < limit ? null : recent[^1] + options.Value.Window;
    }
}
