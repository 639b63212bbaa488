using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Jobs.Ratings;

public sealed record GiveRating([property: Range(1, 5)] int Stars, [property: StringLength(500)] string? Comment);

/// <summary>A rating as its rater and the rated side see it; <see cref="EditableUntil"/> says until when the rater may change it.</summary>
public sealed record RatingView(
    Guid ApplicationId, Guid RaterId, Guid RateeId, int Stars, string? Comment, DateTimeOffset GivenAt, DateTimeOffset UpdatedAt, DateTimeOffset EditableUntil)
{
    public static RatingView Of(Rating rating) =>
        new(rating.ApplicationId, rating.RaterId, rating.RateeId, rating.Stars, rating.Comment, rating.GivenAt, rating.UpdatedAt, rating.GivenAt + Rating.EditableFor);
}

/// <summary>
/// After the work both sides rate each other, once, and may change their rating for a day. The rated side hears of
/// a rating, and of a change to its stars (rating-given, without the comment), in the transaction that saves it.
/// </summary>
public static class RatingsApi
{
    public static void MapRatings(this WebApplication app)
    {
        var application = app.MapGroup("/jobs/applications/{applicationId:guid}").WithTags("Ratings").RequireAuthorization();
        application.MapPut("/rating", GiveAsync).WithName("RateApplication")
            .WithSummary("The worker rates the employer or the employer the worker, after the work (1–5); changeable for 24 h");
        application.MapGet("/ratings", ListAsync).WithName("ListApplicationRatings");
    }

    private static async Task<Results<Ok<RatingView>, ProblemHttpResult>> GiveAsync(
        Guid applicationId, GiveRating request, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = user.UserId();
        var now = DatabaseTime.Of(time.GetUtcNow());
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || (application.WorkerId != caller && application.EmployerId != caller)) return ApiProblems.NotFound("지원이 없습니다.");
        if (application.Status is not (ApplicationStatus.Completed or ApplicationStatus.Paid)) return ApiProblems.Conflict("근무를 마친 뒤에 평가할 수 있습니다.");
        var ratee = caller == application.WorkerId ? application.EmployerId : application.WorkerId;
        var rating = await db.Ratings.SingleOrDefaultAsync(r => r.ApplicationId == applicationId && r.RaterId == caller, cancellationToken);
        var given = rating is null;
        // New stars are announced; a change of the comment alone is not: the rated side reads the comment in the app.
        var announced = rating?.Stars != request.Stars;
        if (rating is null)
        {
            rating = Rating.Give(applicationId, caller!.Value, ratee, request.Stars, request.Comment, now);
            db.Ratings.Add(rating);
        }
        else if (now - rating.GivenAt > Rating.EditableFor)
        {
            return ApiProblems.Conflict("평가는 남긴 뒤 24시간까지만 고칠 수 있습니다.");
        }
        else
        {
            rating.Change(request.Stars, request.Comment, now);
        }
        if (announced)
        {
            var jobTitle = await db.Jobs.Where(j => j.Id == application.JobId).Select(j => j.Title).SingleAsync(cancellationToken);
            var raterRole = caller == application.WorkerId ? UserRole.Worker : UserRole.Employer;
            outbox.Add(new RatingGiven(applicationId, application.JobId, rating.RaterId, ratee, raterRole, jobTitle, request.Stars, Changed: !given));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Conflict("이미 평가했습니다. 다시 시도하면 고칠 수 있습니다.");
        }
        return TypedResults.Ok(RatingView.Of(rating));
    }

    private static async Task<Results<Ok<List<RatingView>>, ProblemHttpResult>> ListAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        var caller = user.UserId();
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || (application.WorkerId != caller && application.EmployerId != caller)) return ApiProblems.NotFound("지원이 없습니다.");
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.ApplicationId == applicationId).OrderBy(r => r.GivenAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(ratings.Select(RatingView.Of).ToList());
    }
}
