using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Jobs.JobPostings;

/// <summary>Filters of `GET /jobs`; dates are Korean work dates, inclusive.</summary>
public sealed record JobQuery(JobStatus? Status, string? Category, DateOnly? From, DateOnly? To, bool? Mine, string? Cursor, int? Limit);

public static class JobsApi
{
    public const int MaxPageSize = 100;

    public static void MapJobs(this WebApplication app)
    {
        var jobs = app.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListAsync).AllowAnonymous().WithName("ListJobs").WithSummary("Jobs, newest first, filtered and paged by cursor");
        jobs.MapGet("/{id:guid}", GetAsync).AllowAnonymous().WithName("GetJob");
        jobs.MapPost("/", PostAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("PostJob").WithSummary("Posts a job (Employers)");
        jobs.MapPut("/{id:guid}", ReviseAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("ReviseJob").WithSummary("Changes a job's terms (its owner)");
        jobs.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("CloseJob")
            .WithSummary("Stops taking applications (its owner); accepted workers keep their places");
        jobs.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("DeleteJob")
            .WithSummary("Deletes a job; one with applications is cancelled instead and its applications with it");
    }

    private static async Task<Results<Ok<Page<JobView>>, ProblemHttpResult>> ListAsync([AsParameters] JobQuery query, ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        if (!JobCursor.TryDecode(query.Cursor, out var cursor)) return ApiProblems.Invalid("cursor", "커서가 올바르지 않습니다.");
        var limit = query.Limit ?? 20;
        if (limit is < 1 or > MaxPageSize) return ApiProblems.Invalid("limit", $"limit은 1에서 {MaxPageSize} 사이여야 합니다.");
        if (query.From > query.To) return ApiProblems.Invalid("from", "시작일이 종료일보다 늦습니다.");

        var jobs = db.Jobs.AsNoTracking();
        if (query.Mine == true)
        {
            if (user.UserId() is not { } me) return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "로그인이 필요합니다.");
            jobs = jobs.Where(j => j.EmployerId == me);
        }
        if (query.Status is { } status) jobs = jobs.Where(j => j.Status == status);
        if (!string.IsNullOrEmpty(query.Category)) jobs = jobs.Where(j => j.Category == query.Category);
        if (query.From is { } from) jobs = jobs.Where(j => j.WorkDate >= from);
        if (query.To is { } to) jobs = jobs.Where(j => j.WorkDate <= to);
        if (cursor is { } after) jobs = jobs.Where(j => j.PostedAt < after.PostedAt || (j.PostedAt == after.PostedAt && j.Id.CompareTo(after.Id) < 0));

        var page = await jobs.OrderByDescending(j => j.PostedAt).ThenByDescending(j => j.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new JobCursor(page[limit - 1].PostedAt, page[limit - 1].Id).Encode() : null;
        return TypedResults.Ok(new Page<JobView>(page.Take(limit).Select(JobView.Of).ToList(), next));
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(Guid id, JobsDbContext db, CancellationToken cancellationToken) =>
        await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } job
            ? TypedResults.Ok(JobView.Of(job))
            : ApiProblems.NotFound("공고가 없습니다.");

    private static async Task<Results<Created<JobView>, ValidationProblem>> PostAsync(
        JobTerms terms, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, TimeProvider time, IOptions<MinimumWageOptions> minimumWage, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = await CheckAsync(terms, db, minimumWage.Value, now, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var job = Job.Post(user.UserId()!.Value, terms, now);
        db.Jobs.Add(job);
        outbox.Add(new JobCreated(job.ToSnapshot()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/jobs/{job.Id}", JobView.Of(job));
    }

    private static async Task<Results<Ok<JobView>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        Guid id, JobTerms terms, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, LabourContractRegister contracts, TimeProvider time,
        ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows, IOptions<MinimumWageOptions> minimumWage, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = await CheckAsync(terms, db, minimumWage.Value, now, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.LockJobAsync(id, cancellationToken);
        if (job is null) return ApiProblems.NotFound("공고가 없습니다.");
        if (job.EmployerId != user.UserId()) return ApiProblems.Forbidden("본인이 올린 공고만 수정할 수 있습니다.");
        if (job.Status is not (JobStatus.Open or JobStatus.Filled)) return ApiProblems.Conflict($"{job.Status} 상태의 공고는 수정할 수 없습니다.");
        if (terms.Headcount < job.FilledCount)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["headcount"] = [$"이미 {job.FilledCount}명이 채용되어 인원을 그보다 줄일 수 없습니다."] });
        }
        if (terms.MatchingMode != job.MatchingMode && await db.Applications.AnyAsync(a => a.JobId == id && a.Status == ApplicationStatus.Pending, cancellationToken))
        {
            return ApiProblems.Conflict("처리 중인 지원이 있어 채용 방식을 바꿀 수 없습니다.");
        }

        var headcountBefore = job.Headcount;
        job.Revise(terms, now);
        outbox.Add(new JobUpdated(job.ToSnapshot()));
        // A signed contract is never changed: the matches get new versions to sign, drawn from the new terms.
        await contracts.ReviseForAsync(job, now, cancellationToken);
        var promoted = await lifecycle.OfferAddedPlacesAsync(job, headcountBefore, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var application in promoted) await workflows.TellDecisionAsync(application, cancellationToken);
        return TypedResults.Ok(JobView.Of(job));
    }

    /// <summary>The employer stops taking applications: accepted workers keep their places, the waitlisted are let go.</summary>
    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> CloseAsync(
        Guid id, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, ApplicationLifecycle lifecycle,
        JobApplicationWorkflows workflows, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.LockJobAsync(id, cancellationToken);
        if (job is null) return ApiProblems.NotFound("공고가 없습니다.");
        if (job.EmployerId != user.UserId()) return ApiProblems.Forbidden("본인이 올린 공고만 마감할 수 있습니다.");
        if (job.Status is not (JobStatus.Open or JobStatus.Filled)) return ApiProblems.Conflict($"{job.Status} 상태의 공고는 마감할 수 없습니다.");
        var now = time.GetUtcNow();
        job.Close(now);
        var letGo = await lifecycle.CloseWaitlistAsync(job, now, cancellationToken);
        outbox.Add(new JobUpdated(job.ToSnapshot()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var application in letGo) await workflows.TellDecisionAsync(application, cancellationToken);
        return TypedResults.Ok(JobView.Of(job));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, JobsDbContext db, JobWithdrawal withdrawal, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.LockJobAsync(id, cancellationToken);
        if (job is null) return ApiProblems.NotFound("공고가 없습니다.");
        if (job.EmployerId != user.UserId()) return ApiProblems.Forbidden("본인이 올린 공고만 삭제할 수 있습니다.");
        if (await withdrawal.WithdrawAsync(job, cancellationToken) is { } refusal) return ApiProblems.Conflict(refusal);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string[]>> CheckAsync(JobTerms terms, JobsDbContext db, MinimumWageOptions minimumWage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = JobRules.Check(terms, now, minimumWage);
        if (!await db.Categories.AnyAsync(c => c.Name == terms.Category, cancellationToken))
        {
            errors["category"] = ["없는 카테고리입니다. GET /jobs/categories에서 고르세요."];
        }
        return errors;
    }
}
