using System.Security.Claims;
using OneDay.Contracts;

namespace OneDay.ServiceDefaults.Security;

/// <summary>The one way to read who is calling: from the validated access token, never from headers.</summary>
public static class CallerIdentity
{
    /// <summary>The caller's user id (`sub`), or null for an anonymous or malformed principal.</summary>
    public static Guid? UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(AccessTokenValidation.SubjectClaim), out var id) ? id : null;

    public static bool IsInRole(this ClaimsPrincipal principal, UserRole role) => principal.IsInRole(role.ToString());
}
