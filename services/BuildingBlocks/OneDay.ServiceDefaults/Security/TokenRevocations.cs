using System.ComponentModel.DataAnnotations;
using Dapr;
using Dapr.Client;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OneDay.ServiceDefaults.Security;

/// <summary>Where and how briefly the per-user revocation stamps are read (section "TokenRevocation").</summary>
public sealed class TokenRevocationOptions
{
    public const string Section = "TokenRevocation";

    /// <summary>The Dapr state store holding the stamps; its <c>keyPrefix: name</c> lets every app read what users writes.</summary>
    [Required]
    public string StateStore { get; set; } = "tokenrevocations";

    /// <summary>How long a user's stamp is remembered: a revocation reaches the other services within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a request waits for the sidecar's answer before it goes on without one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>What users stores per user: every access token issued at or before this second is void.</summary>
public sealed record TokenRevocationStamp(long RevokedAtUnixSeconds);

/// <summary>
/// Access tokens are checked locally by every service, so suspending an account or resetting its password
/// cannot reach a token already issued. users writes a per-user stamp ("tokens issued until now are void") to a
/// Dapr state store every app reads, and every service's token validation refuses a token issued at or before it.
/// <para>
/// The stamp is read through the app's own sidecar and cached briefly per user, so a request costs a memory
/// lookup almost always. When the store cannot be read the check fails open (the last stamp seen still applies):
/// failing closed would turn a Redis or sidecar outage into every authenticated call failing, refreshes and
/// logins' follow-up calls included, while the stamp only shortens a window that the token's own lifetime (at
/// most 15 minutes) already bounds; logins and refreshes are refused from users' database regardless.
/// </para>
/// <para>
/// A token issued in the same second as the stamp counts as issued before it (the `iat` claim has whole seconds):
/// revoking errs towards one extra log-in, never towards a surviving token.
/// </para>
/// </summary>
public sealed class TokenRevocations(DaprClient dapr, IOptions<TokenRevocationOptions> options, ILogger<TokenRevocations> logger) : IDisposable
{
    /// <summary>A stamp outlives every token it could void: the longest access-token lifetime plus clock skew, with room.</summary>
    private static readonly TimeSpan StampLifetime = TimeSpan.FromHours(1);

    private readonly MemoryCache _stamps = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>Voids every token of <paramref name="userId"/> issued until <paramref name="now"/>. Throws when the store refused the stamp.</summary>
    public async Task RevokeAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stamp = new TokenRevocationStamp(now.ToUnixTimeSeconds());
        await dapr.SaveStateAsync(options.Value.StateStore, Key(userId), stamp,
            metadata: new Dictionary<string, string> { ["ttlInSeconds"] = ((long)StampLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        Remember(userId, stamp.RevokedAtUnixSeconds);
    }

    /// <summary>Whether a token of <paramref name="userId"/> issued at <paramref name="issuedAt"/> was revoked since.</summary>
    public async Task<bool> IsRevokedAsync(Guid userId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var revokedAt = _stamps.TryGetValue(userId, out long? cached) ? cached : await LookUpAsync(userId, cancellationToken).ConfigureAwait(false);
        return revokedAt is { } stamp && issuedAt.ToUnixTimeSeconds() <= stamp;
    }

    private async Task<long?> LookUpAsync(Guid userId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.LookupTimeout);
        try
        {
            var stamp = await dapr.GetStateAsync<TokenRevocationStamp?>(options.Value.StateStore, Key(userId), cancellationToken: timeout.Token).ConfigureAwait(false);
            return Remember(userId, stamp?.RevokedAtUnixSeconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is DaprException or OperationCanceledException or HttpRequestException)
        {
            // Fail open (see the class summary), and remember that for as long as a stamp would be: a store that is
            // down must not add a timeout to every request.
            logger.LogWarning(ex, "token revocations could not be read from {StateStore}; tokens of user {UserId} are accepted unchecked for now", options.Value.StateStore, userId);
            return Remember(userId, null);
        }
    }

    private long? Remember(Guid userId, long? revokedAt)
    {
        if (options.Value.CacheDuration > TimeSpan.Zero)
            _stamps.Set(userId, revokedAt, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.CacheDuration });
        return revokedAt;
    }

    /// <summary>The stamp's key; the store's <c>keyPrefix: name</c> makes it the same for every app.</summary>
    public static string Key(Guid userId) => $"user-{userId:N}";

    public void Dispose() => _stamps.Dispose();
}
