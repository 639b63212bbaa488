using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.Data;

namespace OneDay.Users.Accounts;

public static class CurrentUser
{
    /// <summary>
    /// The caller's own account, found by the validated token's `sub` only (so no request can name another
    /// user's account); null when the account is gone (deleted since the token was issued).
    /// </summary>
    public static async Task<User?> FindCallerAsync(this UsersDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal.UserId() is { } id
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Status != UserStatus.Deleted, cancellationToken)
            : null;
}
