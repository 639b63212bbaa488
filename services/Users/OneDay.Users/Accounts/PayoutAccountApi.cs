using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.ServiceDefaults.Dapr;
using OneDay.Users.Data;

namespace OneDay.Users.Accounts;

/// <summary>
/// Where payments transfers a worker's withdrawal. Internal: reached only through Dapr, and the access-control
/// policy lets only payments read it (GET /internal/users/*/payout-account), so it carries no user token.
/// The full number leaves users only here; the worker's own profile shows it masked.
/// </summary>
public static class PayoutAccountApi
{
    public static void MapPayoutAccount(this WebApplication app) =>
        app.MapGet("/internal/users/{id:guid}/payout-account", GetAsync)
            .RequireDaprAppToken()
            .AllowAnonymous()
            .WithTags("Internal")
            .WithName("GetPayoutAccount")
            .WithSummary("The bank account a worker's withdrawals are paid into; 404 when none is registered.");

    private static async Task<Results<Ok<Contracts.Users.PayoutAccount>, ProblemHttpResult>> GetAsync(Guid id, UsersDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.Status != UserStatus.Deleted, cancellationToken);
        if (user is null) return UserProblems.AccountNotFound();
        return user.Payout is { } account
            ? TypedResults.Ok(new Contracts.Users.PayoutAccount(account.BankName, account.AccountNumber, account.AccountHolder))
            : TypedResults.Problem(title: "등록된 출금 계좌가 없습니다.", statusCode: StatusCodes.Status404NotFound);
    }
}
