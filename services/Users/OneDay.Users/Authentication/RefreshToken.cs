namespace OneDay.Users.Authentication;

/// <summary>
/// One refresh token of a login session ("family"). Each use rotates it: this one is marked used and a
/// new one of the same family is issued. A used or revoked token presented again means it was copied,
/// so the whole family is revoked and both the thief and the user must log in again.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public Guid FamilyId { get; init; }
    public required byte[] TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
