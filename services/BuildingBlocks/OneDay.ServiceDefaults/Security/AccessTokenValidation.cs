using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OneDay.Contracts;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// Every service validates the access token itself (defence in depth behind the gateway): signature with
/// the users service's public key, algorithm pinned to the key's (ES256 or RS256, so "none" and HMAC
/// tricks fail), issuer, audience, lifetime with at most 30 s skew. Identity comes only from the
/// validated token's claims: `sub` (user id) and `role`.
/// </summary>
internal static class AccessTokenValidation
{
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public static void AddServiceAuthentication(this IServiceCollection services)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                var (key, algorithm) = SigningKey(jwt.Value.PublicKey);
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [algorithm],
                    ClockSkew = TimeSpan.FromSeconds(jwt.Value.ClockSkewSeconds),
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = SubjectClaim,
                    RoleClaimType = RoleClaim,
                };
            });
        services.AddAuthorizationBuilder().AddRolePolicies();
    }

    /// <summary>One policy per role, named like the role: <c>RequireAuthorization(nameof(UserRole.Employer))</c>.</summary>
    private static void AddRolePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        foreach (var role in Enum.GetNames<UserRole>())
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }
    }

    private static (SecurityKey Key, string Algorithm) SigningKey(string pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) throw new OptionsValidationException(JwtOptions.Section, typeof(JwtOptions), ["Jwt:PublicKey is missing"]);
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return (new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256);
        }
        catch (CryptographicException)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return (new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }
    }
}
