using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using OneDay.Contracts;

namespace OneDay.Testing;

/// <summary>
/// Access tokens for tests, shaped like the users service's (ES256, issuer "oneday-users", audience
/// "oneday", `sub` and `role`), signed by a key made for this test run. Hosts get <see cref="PublicKeyPem"/>
/// as "Jwt:PublicKey" through their secret store.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "oneday-users";
    public const string Audience = "oneday";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PublicKeyPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The private half (PKCS#8 PEM), for a test that runs the users service as the token issuer.</summary>
    public static string SigningKeyPem { get; } = Key.ExportPkcs8PrivateKeyPem();

    public static string For(Guid userId, UserRole role, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null) =>
        Sign(new ECDsaSecurityKey(Key), userId, role, lifetime ?? TimeSpan.FromMinutes(15), issuedAt ?? DateTimeOffset.UtcNow);

    /// <summary>A token signed by another key: must be refused.</summary>
    public static string SignedByAnotherKey(Guid userId, UserRole role) => SignedWith(ECDsa.Create(ECCurve.NamedCurves.nistP256), userId, role);

    /// <summary>A token like <see cref="For"/>'s signed by <paramref name="key"/> (ES256 with an EC key, RS256 with RSA), e.g. a key being rotated out.</summary>
    public static string SignedWith(AsymmetricAlgorithm key, Guid userId, UserRole role) =>
        Sign(key switch
        {
            ECDsa ec => new ECDsaSecurityKey(ec),
            RSA rsa => new RsaSecurityKey(rsa),
            _ => throw new ArgumentException("access tokens are ES256 or RS256", nameof(key)),
        }, userId, role, TimeSpan.FromMinutes(15), DateTimeOffset.UtcNow);

    /// <summary>A token with `alg: none` and no signature: must be refused.</summary>
    public static string WithoutSignature(Guid userId, UserRole role)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Part("""{"alg":"none","typ":"JWT"}""") + "." +
               Part($$"""{"sub":"{{userId}}","role":"{{role}}","iss":"{{Issuer}}","aud":"{{Audience}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 900}}}""") + ".";
    }

    private static string Sign(SecurityKey key, Guid userId, UserRole role, TimeSpan lifetime, DateTimeOffset issuedAt)
    {
        var token = new JwtSecurityToken(
            Issuer,
            Audience,
            [new Claim("sub", userId.ToString()), new Claim("role", role.ToString())],
            notBefore: issuedAt.UtcDateTime,
            expires: (issuedAt + lifetime).UtcDateTime,
            signingCredentials: new SigningCredentials(key, key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
