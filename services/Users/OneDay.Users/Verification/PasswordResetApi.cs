using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;
using OneDay.Users.Notifications;

namespace OneDay.Users.Verification;

public sealed record RequestPasswordReset([Required, StringLength(254)] string Email);

public sealed record ResetPassword([Required, StringLength(100)] string Token, [Required, StringLength(PasswordPolicy.MaximumLength)] string NewPassword);

public static class PasswordResetApi
{
    public static RouteGroupBuilder MapPasswordReset(this RouteGroupBuilder users)
    {
        users.MapPost("/reset-password/request", RequestAsync).AllowAnonymous().WithName("RequestPasswordReset")
            .WithSummary("Sends a password-reset link if the address belongs to an active account; the answer is the same either way.");
        users.MapPost("/reset-password", ResetAsync).AllowAnonymous().WithName("ResetPassword")
            .WithSummary("Sets a new password with a reset token (single use, expiring) and ends every session.");
        return users;
    }

    public static async Task<Accepted> RequestAsync(
        RequestPasswordReset request,
        UsersDbContext db,
        OneTimeTokens oneTimeTokens,
        NotificationDeliverySignal delivery,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalise(request.Email);
        var user = email is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == email && u.Status == UserStatus.Active, cancellationToken);
        var now = time.GetUtcNow();
        // Within the cooldown nothing is sent, silently: a different answer would tell the address exists.
        if (user is not null && await oneTimeTokens.CooldownLeftAsync(user.Id, OneTimeTokenPurpose.PasswordReset, now, cancellationToken) is null)
        {
            oneTimeTokens.Request(user, OneTimeTokenPurpose.PasswordReset, now);
            await db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetAsync(
        ResetPassword request,
        UsersDbContext db,
        Passwords passwords,
        OneTimeTokens oneTimeTokens,
        RefreshTokens refreshTokens,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Checked before redeeming, so a refused password does not use up the link.
        if (PasswordPolicy.Refusal(request.NewPassword, email: null) is { } refusal) return UserProblems.Invalid("newPassword", refusal);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userId = await oneTimeTokens.RedeemAsync(request.Token, OneTimeTokenPurpose.PasswordReset, now, cancellationToken);
        var user = userId is { } id ? await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Status == UserStatus.Active, cancellationToken) : null;
        if (user is null) return EmailVerificationApi.InvalidLink();
        if (PasswordPolicy.Refusal(request.NewPassword, user.Email) is { } sameAsEmail) return UserProblems.Invalid("newPassword", sameAsEmail);
        user.ChangePassword(passwords.Hash(request.NewPassword), now);
        // Whoever knew the old password may hold a session: end them all.
        await refreshTokens.RevokeAllAsync(user.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
