using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;

namespace OneDay.Users.Profiles;

/// <summary>The caller's own profile and account. No route names a user: the account is always the token's `sub`.</summary>
public static class ProfileApi
{
    public static RouteGroupBuilder MapProfile(this RouteGroupBuilder users)
    {
        users.MapGet("/profile", GetAsync).RequireAuthorization().WithName("GetProfile")
            .WithSummary("The caller's profile; the payout account number is masked.");
        users.MapPut("/profile", UpdateAsync).RequireAuthorization().WithName("UpdateProfile")
            .WithSummary("Changes name, phone, bio, skills, preferred regions and payout account; never e-mail, role, status or id.");
        users.MapDelete("/account", DeleteAsync).RequireAuthorization().WithName("DeleteAccount")
            .WithSummary("Deletes the caller's account: personal data is erased, sessions end, other services are told.");
        return users;
    }

    public static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> GetAsync(ClaimsPrincipal principal, UsersDbContext db, CancellationToken cancellationToken) =>
        await db.FindCallerAsync(principal, cancellationToken) is { } user
            ? TypedResults.Ok(ProfileView.Of(user))
            : UserProblems.AccountNotFound();

    public static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        UpdateProfile request,
        ClaimsPrincipal principal,
        UsersDbContext db,
        IntegrationEventOutbox<UsersDbContext> outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.FindCallerAsync(principal, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        var (changes, errors) = UpdateProfileRules.Validate(request, user);
        if (changes is null) return UserProblems.Invalid(errors);
        var outcome = user.UpdateProfile(changes, time.GetUtcNow());
        // user-updated carries what other services keep a copy of; an edit of the rest is users' own business.
        if (outcome == ProfileEditOutcome.SharedFieldsChanged) outbox.Add(new UserUpdated(user.Id, user.DisplayName, user.PhoneNumber));
        if (outcome != ProfileEditOutcome.Unchanged) await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProfileView.Of(user));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ClaimsPrincipal principal,
        UsersDbContext db,
        RefreshTokens refreshTokens,
        LoginThrottle throttle,
        IntegrationEventOutbox<UsersDbContext> outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.FindCallerAsync(principal, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await throttle.ForgetAccountAsync(LoginThrottle.AccountKey(user.Email), cancellationToken);
        user.DeleteAndAnonymise(now);
        await refreshTokens.RevokeAllAsync(user.Id, now, cancellationToken);
        await db.OneTimeTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.PendingNotifications.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        outbox.Add(new UserDeleted(user.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
