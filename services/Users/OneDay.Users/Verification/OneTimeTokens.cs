using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;
using OneDay.Users.Notifications;

namespace OneDay.Users.Verification;

/// <summary>Issues one-time tokens with the notification that carries them, and redeems them once.</summary>
public sealed class OneTimeTokens(UsersDbContext db, IOptions<TokenOptions> options)
{
    /// <summary>
    /// Adds a new token for <paramref name="user"/> and the pending notification that delivers it (saved by
    /// the caller's SaveChanges, in its transaction). Earlier unused tokens of the same purpose stop working:
    /// only the newest link is valid.
    /// </summary>
    public async Task IssueAsync(User user, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.OneTimeTokens.Where(t => t.UserId == user.Id && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        var secret = OpaqueToken.New();
        var expiresAt = now + (purpose == OneTimeTokenPurpose.EmailVerification ? options.Value.EmailVerificationLifetime : options.Value.PasswordResetLifetime);
        db.OneTimeTokens.Add(new OneTimeToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Purpose = purpose,
            TokenHash = OpaqueToken.Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
        db.PendingNotifications.Add(new PendingNotification
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Kind = purpose == OneTimeTokenPurpose.EmailVerification ? NotificationKind.EmailVerification : NotificationKind.PasswordReset,
            Email = user.Email,
            DisplayName = user.DisplayName,
            Token = secret,
            ExpiresAt = expiresAt,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>How long until another token of <paramref name="purpose"/> may be sent to the user; null when it may be now.</summary>
    public async Task<TimeSpan?> CooldownLeftAsync(Guid userId, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - options.Value.ResendCooldown;
        var latest = await db.OneTimeTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.CreatedAt > since)
            .MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);
        return latest is { } issuedAt ? issuedAt + options.Value.ResendCooldown - now : null;
    }

    /// <summary>
    /// Marks the token used and returns its user, or null when it is unknown, used, expired or for another
    /// purpose. The conditional update lets only one of two concurrent redemptions succeed.
    /// </summary>
    public async Task<Guid?> RedeemAsync(string secret, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(secret);
        var token = await db.OneTimeTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, cancellationToken);
        if (token is null) return null;
        var redeemed = await db.OneTimeTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        return redeemed == 1 ? token.UserId : null;
    }
}
