using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.Users.AccountMessaging;
using OneDay.Users.Accounts;
using OneDay.Users.Data;

namespace OneDay.Users.Verification;

public sealed record VerifyEmail([Required, StringLength(100)] string Token);

public static class EmailVerificationApi
{
    public static RouteGroupBuilder MapEmailVerification(this RouteGroupBuilder users)
    {
        users.MapPost("/verify-email/request", RequestAsync).RequireAuthorization().WithName("RequestEmailVerification")
            .WithSummary("Sends the caller a new e-mail verification link; earlier links stop working.");
        users.MapPost("/verify-email", VerifyAsync).AllowAnonymous().WithName("VerifyEmail")
            .WithSummary("Redeems an e-mail verification token (single use, expiring).");
        return users;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> RequestAsync(
        HttpContext http,
        ClaimsPrincipal principal,
        UsersDbContext db,
        OneTimeTokens oneTimeTokens,
        NotificationDeliverySignal delivery,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await db.FindCallerAsync(principal, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        if (user.IsEmailVerified) return TypedResults.Problem(title: "이미 인증된 이메일입니다.", statusCode: StatusCodes.Status409Conflict);
        var now = time.GetUtcNow();
        if (await oneTimeTokens.CooldownLeftAsync(user.Id, OneTimeTokenPurpose.EmailVerification, now, cancellationToken) is { } wait)
        {
            return ApiProblems.TooManyRequests(http.Response, wait, "인증 메일을 방금 보냈습니다. 잠시 후 다시 요청해 주세요.");
        }
        oneTimeTokens.Request(user, OneTimeTokenPurpose.EmailVerification, now);
        await db.SaveChangesAsync(cancellationToken);
        delivery.Wake();
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> VerifyAsync(
        VerifyEmail request,
        UsersDbContext db,
        OneTimeTokens oneTimeTokens,
        IntegrationEventOutbox<UsersDbContext> outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var userId = await oneTimeTokens.RedeemAsync(request.Token, OneTimeTokenPurpose.EmailVerification, now, cancellationToken);
        var user = userId is { } id ? await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Status != UserStatus.Deleted, cancellationToken) : null;
        if (user is null) return UserProblems.InvalidLink();
        if (user.VerifyEmail(now)) outbox.Add(new UserVerified(user.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
