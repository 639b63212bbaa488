using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.AccountMessaging;
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
            .WithSummary("Changes name, phone, bio, skills, preferred regions and payout account (with currentPassword; the owner is e-mailed); never e-mail, role, status or id.");
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
        HttpContext http,
        UsersDbContext db,
        Passwords passwords,
        LoginThrottle throttle,
        IntegrationEventOutbox<UsersDbContext> outbox,
        NotificationDeliverySignal delivery,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.FindCallerAsync(principal, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        var (changes, errors) = UpdateProfileRules.Validate(request, user);
        if (changes is null) return UserProblems.Invalid(errors);
        var payoutChanged = changes.PayoutAccount != user.Payout;
        if (payoutChanged)
        {
            if (string.IsNullOrEmpty(request.CurrentPassword)) return UserProblems.Invalid("currentPassword", "출금 계좌를 바꾸려면 현재 비밀번호를 입력해 주세요.");
            if (await ConfirmPasswordAsync(user, request.CurrentPassword, http, passwords, throttle, cancellationToken) is { } refused) return refused;
        }
        var now = time.GetUtcNow();
        var outcome = user.UpdateProfile(changes, now);
        // user-updated carries what other services keep a copy of; an edit of the rest is users' own business.
        if (outcome == ProfileEditOutcome.SharedFieldsChanged) outbox.Add(new UserUpdated(user.Id, user.DisplayName, user.PhoneNumber));
        // The owner hears of it in their mailbox, which whoever holds a stolen session and password may not read.
        if (payoutChanged) db.PendingNotifications.Add(PendingNotification.Owe(user.Id, AccountMessage.PayoutAccountChanged, now, AccountMessages.NoticeLifetime));
        if (outcome != ProfileEditOutcome.Unchanged) await db.SaveChangesAsync(cancellationToken);
        if (payoutChanged) delivery.Wake();
        return TypedResults.Ok(ProfileView.Of(user));
    }

    /// <summary>
    /// Null when <paramref name="password"/> is the account's; otherwise the refusal. Wrong guesses count with failed
    /// logins (per account and address), so a stolen session cannot try passwords here without limit.
    /// </summary>
    private static async Task<ProblemHttpResult?> ConfirmPasswordAsync(
        User user, string password, HttpContext http, Passwords passwords, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        var accountKey = LoginThrottle.AccountKey(user.Email);
        var addressKey = LoginThrottle.AddressKey(http.Connection.RemoteIpAddress);
        if (await throttle.RetryAfterAsync(accountKey, addressKey, cancellationToken) is { } retryAfter)
        {
            return ApiProblems.TooManyRequests(http.Response, retryAfter, "비밀번호 확인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.");
        }
        if (passwords.Verify(user, password).Matches) return null;
        await throttle.RecordFailureAsync(accountKey, addressKey, cancellationToken);
        return TypedResults.Problem(title: "현재 비밀번호가 올바르지 않습니다.", statusCode: StatusCodes.Status403Forbidden);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ClaimsPrincipal principal,
        UsersDbContext db,
        RefreshTokens refreshTokens,
        LoginThrottle throttle,
        TokenRevocations accessTokens,
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
        await accessTokens.RevokeAsync(user.Id, now, cancellationToken);
        await db.OneTimeTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.PendingNotifications.Where(p => p.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        outbox.Add(new UserDeleted(user.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
