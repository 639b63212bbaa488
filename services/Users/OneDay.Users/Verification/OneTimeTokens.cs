using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;

namespace OneDay.Users.Verification;

/// <summary>
/// One-time tokens (e-mail verification, password reset): requested with the message that will carry them,
/// issued when that message is sent, stored only as a hash, redeemed once.
/// </summary>
public sealed class OneTimeTokens(UsersDbContext db, IOptions<TokenOptions> options)
{
    /// <summary>
    /// Owes <paramref name="user"/> a message with a token of <paramref name="purpose"/>: a pending notification
    /// (saved by the caller's SaveChanges, with the change that caused it) that mints the token when it is sent.
    /// </summary>
    public void Request(User user, OneTimeTokenPurpose purpose, DateTimeOffset now) =>
        db.PendingNotifications.Add(PendingNotification.Owe(user.Id, AccountMessages.Carrying(purpose), now, Lifetime(purpose)));

    /// <summary>
    /// Mints a token for one message about to be sent and stores its hash; earlier unused tokens of the purpose
    /// stop working, so only the newest link sent works. The secret is returned for the message only.
    /// </summary>
    public async Task<MintedToken> IssueAsync(Guid userId, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = OpaqueToken.New();
        var token = new OneTimeToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            TokenHash = OpaqueToken.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + Lifetime(purpose),
        };
        await db.OneTimeTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        db.OneTimeTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new MintedToken(secret, token);
    }

    /// <summary>How long until another token of <paramref name="purpose"/> may be requested for the user; null when it may be now.</summary>
    public async Task<TimeSpan?> CooldownLeftAsync(Guid userId, OneTimeTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - options.Value.ResendCooldown;
        // A request still waiting to be sent counts as much as a token already sent.
        var latestSent = await db.OneTimeTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.CreatedAt > since)
            .MaxAsync(t => (DateTimeOffset?)t.CreatedAt, cancellationToken);
        var message = AccountMessages.Carrying(purpose);
        var latestWaiting = await db.PendingNotifications.Where(p => p.UserId == userId && p.Purpose == message && p.CreatedAt > since)
            .MaxAsync(p => (DateTimeOffset?)p.CreatedAt, cancellationToken);
        return new[] { latestSent, latestWaiting }.Max() is { } latest ? latest + options.Value.ResendCooldown - now : null;
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

    private TimeSpan Lifetime(OneTimeTokenPurpose purpose) =>
        purpose == OneTimeTokenPurpose.EmailVerification ? options.Value.EmailVerificationLifetime : options.Value.PasswordResetLifetime;
}
