using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneDay.Contracts;
using OneDay.ServiceDefaults.Configuration;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// Every service validates the access token itself (defence in depth behind the gateway): signature with
/// the users service's public key (or, during a key rotation, the previous one), algorithm pinned to the
/// keys' (ES256 or RS256, so "none" and HMAC tricks fail), issuer, audience, lifetime with at most 30 s skew,
/// and that users has not revoked it since it was issued (<see cref="TokenRevocations"/>: suspension, password
/// reset). Identity comes only from the validated token's claims: `sub` (user id) and `role`.
/// </summary>
internal static class AccessTokenValidation
{
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public static void AddServiceAuthentication(this IServiceCollection services)
    {
        services.AddValidatedOptions<JwtOptions>(JwtOptions.Section);
        services.AddValidatedOptions<TokenRevocationOptions>(TokenRevocationOptions.Section);
        services.AddSingleton<TokenRevocations>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) =>
            {
                // Read at start-up already (JwtOptions validates them), so a bad key never reaches a request.
                var keys = jwt.Value.VerificationKeys();
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKeys = keys.Select(k => k.Key),
                    ValidAlgorithms = keys.Select(k => k.Algorithm).Distinct(),
                    ClockSkew = TimeSpan.FromSeconds(jwt.Value.ClockSkewSeconds),
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    NameClaimType = SubjectClaim,
                    RoleClaimType = RoleClaim,
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = RefuseRevokedAsync };
            });
        services.AddAuthorizationBuilder().AddRolePolicies();
    }

    private static async Task RefuseRevokedAsync(TokenValidatedContext context)
    {
        // Every token users issues has `sub`, `iat` and `nbf` (the same moment); one that shows neither time cannot be
        // checked, so it is not accepted.
        if (context.Principal?.UserId() is not { } userId || IssuedAt(context.SecurityToken) is not { } issuedAt)
        {
            context.Fail("the access token has no subject or issue time");
            return;
        }
        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
        if (await revocations.IsRevokedAsync(userId, issuedAt, context.HttpContext.RequestAborted).ConfigureAwait(false))
            context.Fail("the access token was revoked (account suspended or password reset)");
    }

    private static DateTimeOffset? IssuedAt(SecurityToken token) => token switch
    {
        JsonWebToken { IssuedAt: var issuedAt } when issuedAt != DateTime.MinValue => new DateTimeOffset(issuedAt, TimeSpan.Zero),
        { ValidFrom: var validFrom } when validFrom != DateTime.MinValue => new DateTimeOffset(validFrom, TimeSpan.Zero),
        _ => null,
    };

    /// <summary>One policy per role, named like the role: <c>RequireAuthorization(nameof(UserRole.Employer))</c>.</summary>
    private static void AddRolePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        foreach (var role in Enum.GetNames<UserRole>())
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }
    }
}
