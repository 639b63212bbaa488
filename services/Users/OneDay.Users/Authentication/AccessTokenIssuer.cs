using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.Accounts;

namespace OneDay.Users.Authentication;

/// <summary>
/// Signs access tokens (ES256) with exactly the claims every service validates: `sub`, `role`, `iss`,
/// `aud`, `jti`, and a lifetime of at most 15 minutes.
/// </summary>
public sealed class AccessTokenIssuer : IDisposable
{
    private readonly ECDsa _key;
    private readonly SigningCredentials _credentials;
    private readonly JwtOptions _jwt;
    private readonly TokenOptions _tokens;
    private readonly JsonWebTokenHandler _handler = new();

    public AccessTokenIssuer(IOptions<SigningKeyOptions> signingKey, IOptions<JwtOptions> jwt, IOptions<TokenOptions> tokens)
    {
        _key = ImportSigningKey(signingKey.Value.SigningKey);
        // Its own provider cache: the shared default one is keyed by key material and would hand another
        // issuer of the same key (a second host in one process) a signer whose ECDsa this one disposed.
        _credentials = new SigningCredentials(new ECDsaSecurityKey(_key) { CryptoProviderFactory = new CryptoProviderFactory() }, SecurityAlgorithms.EcdsaSha256);
        _jwt = jwt.Value;
        _tokens = tokens.Value;
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(User user, DateTimeOffset now)
    {
        var expiresAt = now + _tokens.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _jwt.Issuer,
            Audience = _jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                ["role"] = user.Role.ToString(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = _credentials,
        });
        return (token, expiresAt);
    }

    /// <summary>Whether <paramref name="pem"/> is a key this issuer can sign with (checked at start-up).</summary>
    public static bool IsUsableSigningKey(string pem)
    {
        try
        {
            using var key = ImportSigningKey(pem);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static ECDsa ImportSigningKey(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256) throw new CryptographicException("Jwt:SigningKey must be a P-256 key (ES256)");
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => _key.Dispose();
}
