using Microsoft.AspNetCore.Identity;
using OneDay.Users.Authentication;

namespace OneDay.Users.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, per-user salt, version
/// marker so the work factor can rise later). A login for an unknown e-mail still verifies against a
/// dummy hash, so the response time does not tell whether the account exists.
/// </summary>
public sealed class Passwords
{
    private static readonly User Nobody = new();
    private readonly PasswordHasher<User> _hasher = new();
    private readonly string _dummyHash;

    public Passwords() => _dummyHash = _hasher.HashPassword(Nobody, OpaqueToken.New());

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>Whether <paramref name="password"/> opens <paramref name="user"/>'s account; also whether its hash should be upgraded.</summary>
    public (bool Matches, bool RehashNeeded) Verify(User? user, string password)
    {
        if (user is null || user.PasswordHash.Length == 0)
        {
            _hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            return (false, false);
        }
        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) switch
        {
            PasswordVerificationResult.Success => (true, false),
            PasswordVerificationResult.SuccessRehashNeeded => (true, true),
            _ => (false, false),
        };
    }
}
