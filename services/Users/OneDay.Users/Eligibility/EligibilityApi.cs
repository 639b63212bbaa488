using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.ServiceDefaults.Dapr;
using OneDay.Users.Accounts;
using OneDay.Users.Data;

namespace OneDay.Users.Eligibility;

/// <summary>
/// jobs' question during the application saga. Internal: reached only through Dapr (the access-control
/// policy lets only jobs GET /internal/users/*/eligibility), so it carries no user token.
/// </summary>
public static class EligibilityApi
{
    public static void MapEligibility(this WebApplication app)
    {
        app.MapGet("/internal/users/{id:guid}/eligibility", GetAsync)
            .RequireDaprAppToken()
            .AllowAnonymous()
            .WithTags("Internal")
            .WithName("GetApplicantEligibility")
            .WithSummary("Whether the user may apply for a job: active, e-mail verified, a Worker, not suspended.");
    }

    public static async Task<Results<Ok<ApplicantEligibility>, ProblemHttpResult>> GetAsync(Guid id, UsersDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null) return UserProblems.AccountNotFound();
        var reasons = Reasons(user).ToList();
        return TypedResults.Ok(new ApplicantEligibility(user.Id, reasons.Count == 0, reasons));
    }

    private static IEnumerable<IneligibilityReason> Reasons(User user)
    {
        if (user.Status == UserStatus.Deleted)
        {
            yield return IneligibilityReason.Deleted;
            yield break;
        }
        if (user.Status == UserStatus.Suspended) yield return IneligibilityReason.Suspended;
        if (!user.IsEmailVerified) yield return IneligibilityReason.EmailNotVerified;
        if (user.Role != UserRole.Worker) yield return IneligibilityReason.NotAWorker;
    }
}
