using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Users.Data;

namespace OneDay.Users.Authentication;

/// <summary>Issuing, rotating and revoking refresh tokens (see <see cref="RefreshToken"/>).</summary>
public sealed class RefreshTokens(UsersDbContext db, IOptions<TokenOptions> options)
{
    public enum RotationOutcome
    {
        Rotated,
        Unknown,
        Expired,
        Reused,
    }

    /// <summary>Adds a new token (of a new family unless <paramref name="familyId"/> is given) and returns its secret.</summary>
    public (string Token, DateTimeOffset ExpiresAt) Add(Guid userId, DateTimeOffset now, Guid? familyId = null)
    {
        var secret = OpaqueToken.New();
        var expiresAt = now + options.Value.RefreshTokenLifetime;
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            FamilyId = familyId ?? Guid.CreateVersion7(now),
            TokenHash = OpaqueToken.Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        });
        return (secret, expiresAt);
    }

    /// <summary>
    /// Marks the presented token used if it is current. The conditional update makes two concurrent uses of
    /// one token count as reuse for the slower one: only one can ever be rotated.
    /// </summary>
    public async Task<(RotationOutcome Outcome, RefreshToken? Token)> UseAsync(string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(secret);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null) return (RotationOutcome.Unknown, null);
        if (token.UsedAt is not null || token.RevokedAt is not null)
        {
            await RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
            return (RotationOutcome.Reused, token);
        }
        if (token.ExpiresAt <= now) return (RotationOutcome.Expired, token);
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
            return (RotationOutcome.Reused, token);
        }
        return (RotationOutcome.Rotated, token);
    }

    /// <summary>Revokes the session the token belongs to (logout); unknown tokens are ignored.</summary>
    public async Task RevokeSessionAsync(string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.Hash(secret);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family) await RevokeFamilyAsync(family, now, cancellationToken);
    }

    public Task<int> RevokeFamilyAsync(Guid familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);

    /// <summary>Every session of the user (password reset, suspension, deletion).</summary>
    public Task<int> RevokeAllAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
}
