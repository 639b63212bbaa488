using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;

namespace OneDay.Users.Verification;

public sealed record RequestPasswordReset([Required, StringLength(254)] string Email);

public sealed record ResetPassword([Required, StringLength(100)] string Token, [Required, StringLength(PasswordPolicy.MaximumLength)] string NewPassword);

public static class PasswordResetApi
{
    public static RouteGroupBuilder MapPasswordReset(this RouteGroupBuilder users)
    {
        users.MapPost("/reset-password/request", Request).AllowAnonymous().WithName("RequestPasswordReset")
            .WithSummary("Sends a password-reset link if the address belongs to an active account; the answer is the same either way.");
        users.MapPost("/reset-password", ResetAsync).AllowAnonymous().WithName("ResetPassword")
            .WithSummary("Sets a new password with a reset token (single use, expiring) and ends every session; access tokens issued before stop working.");
        return users;
    }

    /// <summary>
    /// Answers 202 and only then looks at the address (<see cref="PasswordResetQueue"/>): the answer and its timing
    /// are the same for a known address, an unknown one and one that is not an address at all.
    /// </summary>
    public static Accepted Request(RequestPasswordReset request, PasswordResetQueue queue, TimeProvider time)
    {
        if (EmailAddress.Normalise(request.Email) is { } email) queue.Enqueue(new PasswordResetRequest(email, time.GetUtcNow()));
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetPassword request,
        UsersDbContext db,
        Passwords passwords,
        OneTimeTokens oneTimeTokens,
        RefreshTokens refreshTokens,
        TokenRevocations accessTokens,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Checked before redeeming, so a refused password does not use up the link.
        if (PasswordPolicy.Refusal(request.NewPassword, email: null) is { } refusal) return UserProblems.Invalid("newPassword", refusal);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userId = await oneTimeTokens.RedeemAsync(request.Token, OneTimeTokenPurpose.PasswordReset, now, cancellationToken);
        var user = userId is { } id ? await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Status == UserStatus.Active, cancellationToken) : null;
        if (user is null) return UserProblems.InvalidLink();
        if (PasswordPolicy.Refusal(request.NewPassword, user.Email) is { } sameAsEmail) return UserProblems.Invalid("newPassword", sameAsEmail);
        user.ChangePassword(passwords.Hash(request.NewPassword), now);
        // Whoever knew the old password may hold a session: end them all, access tokens too (before the commit, as a suspension does).
        await refreshTokens.RevokeAllAsync(user.Id, now, cancellationToken);
        await accessTokens.RevokeAsync(user.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
