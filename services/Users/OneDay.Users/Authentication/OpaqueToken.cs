using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace OneDay.Users.Authentication;

/// <summary>
/// Random bearer secrets (refresh tokens, e-mail verification and password-reset tokens): 256 random bits
/// handed to the client once; only their SHA-256 is stored, so a copy of the database opens no account.
/// A fast hash is enough here because the secret itself is uniformly random, unlike a password.
/// </summary>
public static class OpaqueToken
{
    public static string New() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
