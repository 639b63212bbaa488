namespace OneDay.Users.Verification;

/// <summary>An e-mail verification or password-reset token: stored hashed, single-use, expiring.</summary>
public sealed class OneTimeToken
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public OneTimeTokenPurpose Purpose { get; init; }
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
