using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Security;
using OneDay.Users.Accounts;
using OneDay.Users.Authentication;
using OneDay.Users.Data;

namespace OneDay.Users.Administration;

/// <summary>What an operator does to someone else's account. Admin only.</summary>
public static class AdministrationApi
{
    public static RouteGroupBuilder MapAdministration(this RouteGroupBuilder users)
    {
        users.MapPost("/{id:guid}/suspend", SuspendAsync).RequireAuthorization(nameof(UserRole.Admin)).WithName("SuspendUser")
            .WithSummary("Suspends an account: it can no longer log in, refresh or apply for jobs, and its access tokens stop working.");
        users.MapPost("/{id:guid}/reinstate", ReinstateAsync).RequireAuthorization(nameof(UserRole.Admin)).WithName("ReinstateUser")
            .WithSummary("Lifts a suspension.");
        return users;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SuspendAsync(
        Guid id, UsersDbContext db, RefreshTokens refreshTokens, TokenRevocations accessTokens, IntegrationEventOutbox<UsersDbContext> outbox, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        var now = time.GetUtcNow();
        if (!user.Suspend(now)) return TypedResults.Problem(title: "이미 정지된 계정입니다.", statusCode: StatusCodes.Status409Conflict);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await refreshTokens.RevokeAllAsync(user.Id, now, cancellationToken);
        // Chat and notifications close the account's open hub connections.
        outbox.Add(new UserSuspended(user.Id));
        // Before the commit: a stamp without a suspension costs one log-in, a suspension without a stamp leaves tokens working.
        await accessTokens.RevokeAsync(user.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReinstateAsync(
        Guid id, UsersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } user) return UserProblems.AccountNotFound();
        if (!user.Reinstate(time.GetUtcNow())) return TypedResults.Problem(title: "정지된 계정이 아닙니다.", statusCode: StatusCodes.Status409Conflict);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<User?> FindAsync(UsersDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Status != UserStatus.Deleted, cancellationToken);
}
