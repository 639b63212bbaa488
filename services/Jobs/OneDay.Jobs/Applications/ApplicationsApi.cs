using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Jobs.Data;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Workflows;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Jobs.Applications;

public static class ApplicationsApi
{
    public static void MapApplications(this WebApplication app)
    {
        var jobs = app.MapGroup("/jobs").WithTags("Applications");
        jobs.MapPost("/{id:guid}/apply", ApplyAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("Apply")
            .WithSummary("Applies to a job (Workers); the application's workflow checks eligibility and tells the employer. A full job waitlists the applicant");
        jobs.MapGet("/{id:guid}/applications", ListForJobAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("ListJobApplications");
        jobs.MapGet("/applications/mine", ListMineAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("ListMyApplications");
        jobs.MapGet("/reliability/mine", MyReliabilityAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("GetMyReliability")
            .WithSummary("The worker's points for late cancellations and no-shows, and until when applying is suspended");
        jobs.MapGet("/applications/{applicationId:guid}", GetAsync).RequireAuthorization().WithName("GetApplication")
            .WithSummary("An application, with where its workflow stands");

        var employer = jobs.MapGroup("/applications/{applicationId:guid}").RequireAuthorization(nameof(UserRole.Employer));
        employer.MapPost("/accept", AcceptAsync).WithName("AcceptApplication");
        employer.MapPost("/reject", RejectAsync).WithName("RejectApplication");
        employer.MapPost("/complete", CompleteAsync).WithName("CompleteApplication").WithSummary("Records the work as done with the minutes worked");
        jobs.MapPost("/applications/{applicationId:guid}/cancel", CancelAsync).RequireAuthorization().WithName("CancelApplication")
            .WithSummary("The worker withdraws, or the employer lets a matched worker go (late, the worker is owed a share of the wage)");
    }

    /// <summary>The saga's first step, in the request (<see cref="ApplicationLifecycle.ApplyAsync"/>); to a full job, a place on its waitlist.</summary>
    private static async Task<Results<Accepted<ApplicationView>, ProblemHttpResult>> ApplyAsync(
        Guid id, ClaimsPrincipal user, ApplicationLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var change = await lifecycle.ApplyAsync(id, user.UserId()!.Value, cancellationToken);
        return change.Outcome switch
        {
            ApplicationChangeOutcome.Done => TypedResults.Accepted($"/jobs/applications/{change.Application!.Id}", ApplicationView.Of(change.Application)),
            ApplicationChangeOutcome.NotFound => ApiProblems.NotFound("공고가 없습니다."),
            ApplicationChangeOutcome.Forbidden => ApiProblems.Forbidden(change.Refusal!),
            _ => ApiProblems.Conflict(change.Refusal!),
        };
    }

    /// <summary>A job's applicants, each with their record as the employer may see it; the employer's favourites first.</summary>
    private static async Task<Results<Ok<List<ApplicationView>>, ProblemHttpResult>> ListForJobAsync(
        Guid id, ClaimsPrincipal user, JobsDbContext db, WorkerReliability reliability, CancellationToken cancellationToken)
    {
        var owner = await db.Jobs.Where(j => j.Id == id).Select(j => (Guid?)j.EmployerId).SingleOrDefaultAsync(cancellationToken);
        if (owner is null) return ApiProblems.NotFound("공고가 없습니다.");
        if (owner != user.UserId()) return ApiProblems.Forbidden("본인 공고의 지원자만 볼 수 있습니다.");
        var applications = await db.Applications.AsNoTracking().Where(a => a.JobId == id).OrderBy(a => a.AppliedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var summaries = await reliability.SummariesAsync(owner.Value, applications.Select(a => a.WorkerId).ToList(), cancellationToken);
        return TypedResults.Ok(applications
            .OrderByDescending(a => summaries[a.WorkerId].Mark == WorkerMarkKind.Favourite)
            .Select(a => ApplicationView.Of(a) with { Applicant = summaries[a.WorkerId] })
            .ToList());
    }

    private static async Task<Ok<List<ApplicationView>>> ListMineAsync(ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var applications = await db.Applications.AsNoTracking().Where(a => a.WorkerId == me).OrderByDescending(a => a.AppliedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(applications.Select(ApplicationView.Of).ToList());
    }

    /// <summary>Only the applicant and the job's owner see an application; anyone else is told it does not exist.</summary>
    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, JobApplicationWorkflows workflows, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && (a.WorkerId == me || a.EmployerId == me), cancellationToken);
        if (application is null) return ApiProblems.NotFound("지원이 없습니다.");
        return TypedResults.Ok(ApplicationView.Of(application) with { Workflow = await workflows.ViewAsync(applicationId, cancellationToken) });
    }

    private static Task<Results<Ok<ApplicationView>, ProblemHttpResult>> AcceptAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows, CancellationToken cancellationToken) =>
        AsEmployerAsync(applicationId, user, db, async () =>
        {
            var change = await lifecycle.AcceptAsync(applicationId, cancellationToken);
            await workflows.TellDecisionAsync(change, cancellationToken);
            return change;
        }, cancellationToken);

    private static Task<Results<Ok<ApplicationView>, ProblemHttpResult>> RejectAsync(
        Guid applicationId, RejectApplication? request, ClaimsPrincipal user, JobsDbContext db, ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows,
        CancellationToken cancellationToken) =>
        AsEmployerAsync(applicationId, user, db, async () =>
        {
            var change = await lifecycle.RejectAsync(applicationId, request?.Reason ?? "employer-rejected", cancellationToken);
            await workflows.TellDecisionAsync(change, cancellationToken);
            return change;
        }, cancellationToken);

    private static async Task<Ok<ReliabilityView>> MyReliabilityAsync(ClaimsPrincipal user, WorkerReliability reliability, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reliability.OfAsync(user.UserId()!.Value, time.GetUtcNow(), cancellationToken));

    /// <summary>The employer completes the work (confirming the attendance record, when there is one); the shift's workflow then ends.</summary>
    private static Task<Results<Ok<ApplicationView>, ProblemHttpResult>> CompleteAsync(
        Guid applicationId, CompleteWork request, ClaimsPrincipal user, JobsDbContext db, ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows,
        CancellationToken cancellationToken) =>
        AsEmployerAsync(applicationId, user, db, async () =>
        {
            var change = await lifecycle.CompleteWorkAsync(applicationId, request.MinutesWorked, cancellationToken);
            await workflows.TellDecisionAsync(change, cancellationToken);
            return change;
        }, cancellationToken);

    /// <summary>Either party cancels their side of the application; anyone else is told it does not exist.</summary>
    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> CancelAsync(
        Guid applicationId, CancelApplication? request, ClaimsPrincipal user, JobsDbContext db, ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows,
        CancellationToken cancellationToken)
    {
        var parties = await db.Applications.Where(a => a.Id == applicationId).Select(a => new { a.WorkerId, a.EmployerId }).SingleOrDefaultAsync(cancellationToken);
        var me = user.UserId();
        ApplicationChange change;
        if (parties is not null && parties.WorkerId == me) change = await lifecycle.CancelByWorkerAsync(applicationId, cancellationToken);
        else if (parties is not null && parties.EmployerId == me) change = await lifecycle.CancelByEmployerAsync(applicationId, request?.Reason ?? "employer-cancelled", cancellationToken);
        else return ApiProblems.NotFound("지원이 없습니다.");
        await workflows.TellDecisionAsync(change, cancellationToken);
        return Answer(change);
    }

    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> AsEmployerAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, Func<Task<ApplicationChange>> change, CancellationToken cancellationToken)
    {
        var employer = await db.Applications.Where(a => a.Id == applicationId).Select(a => (Guid?)a.EmployerId).SingleOrDefaultAsync(cancellationToken);
        if (employer is null) return ApiProblems.NotFound("지원이 없습니다.");
        if (employer != user.UserId()) return ApiProblems.Forbidden("본인 공고의 지원만 처리할 수 있습니다.");
        return Answer(await change());
    }

    private static Results<Ok<ApplicationView>, ProblemHttpResult> Answer(ApplicationChange change) => change.Outcome switch
    {
        ApplicationChangeOutcome.Done => TypedResults.Ok(ApplicationView.Of(change.Application!)),
        ApplicationChangeOutcome.NotFound => ApiProblems.NotFound("지원이 없습니다."),
        _ => ApiProblems.Conflict(change.Refusal!),
    };
}
