using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Outbox;
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

    /// <summary>
    /// The saga's first step, in the request: the application is recorded (in Instant mode with a slot
    /// taken under the job's row lock) together with the start of its workflow, in one transaction. To a full job
    /// it is recorded Waitlisted, while the waitlist has room and the job has not started.
    /// </summary>
    private static async Task<Results<Accepted<ApplicationView>, ProblemHttpResult>> ApplyAsync(
        Guid id, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, JobApplicationWorkflows workflows, WorkerReliability reliability,
        IOptions<WaitlistOptions> waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var worker = user.UserId()!.Value;
        var now = time.GetUtcNow();
        if ((await reliability.OfAsync(worker, now, cancellationToken)).SuspendedUntil is { } suspendedUntil)
        {
            return ApiProblems.Forbidden($"늦은 취소와 노쇼로 쌓인 점수 때문에 {suspendedUntil.ToOffset(KoreanTime.Offset):M월 d일 HH:mm}까지 지원할 수 없습니다.");
        }
        Application application;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var job = await db.LockJobAsync(id, cancellationToken);
            if (job is null) return ApiProblems.NotFound("공고가 없습니다.");
            if (job.EmployerId == worker) return ApiProblems.Forbidden("본인 공고에는 지원할 수 없습니다.");
            if (await reliability.IsBlockedAsync(job.EmployerId, worker, cancellationToken)) return ApiProblems.Forbidden("이 사업주의 공고에는 지원할 수 없습니다.");
            if (job.Status is not (JobStatus.Open or JobStatus.Filled)) return ApiProblems.Conflict("모집 중인 공고가 아닙니다.");
            if (await db.Applications.AnyAsync(a => a.JobId == id && a.WorkerId == worker, cancellationToken)) return ApiProblems.Conflict("이미 지원한 공고입니다.");

            if (job.Status == JobStatus.Filled)
            {
                if (await WaitlistRefusalAsync(job, db, waitlist.Value, now, cancellationToken) is { } full) return ApiProblems.Conflict(full);
                application = Application.Waitlist(job.Id, worker, job.EmployerId, now);
            }
            else
            {
                var instant = job.MatchingMode == MatchingMode.Instant;
                if (instant && !job.TryTakeSlot(now)) return ApiProblems.Conflict("남은 자리가 없습니다.");
                application = Application.Record(job.Id, worker, job.EmployerId, holdsSlot: instant, now);
                if (instant) outbox.Add(new JobUpdated(job.ToSnapshot()));
            }
            db.Applications.Add(application);
            workflows.StartOnCommit(outbox, application, job.StartsAt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return ApiProblems.Conflict("이미 지원한 공고입니다.");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        ApplicationMetrics.RecordReached(application.Status);
        return TypedResults.Accepted($"/jobs/applications/{application.Id}", ApplicationView.Of(application));
    }

    /// <summary>Why a full job cannot waitlist one more applicant, or null when it can; the caller holds the job's lock, so the count stands.</summary>
    private static async Task<string?> WaitlistRefusalAsync(Job job, JobsDbContext db, WaitlistOptions waitlist, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (waitlist.Capacity == 0) return "남은 자리가 없습니다.";
        if (now >= job.StartsAt) return "근무가 시작되어 대기 신청을 받지 않습니다.";
        var waiting = await db.Applications.CountAsync(a => a.JobId == job.Id && a.Status == ApplicationStatus.Waitlisted, cancellationToken);
        return waiting >= waitlist.Capacity ? $"남은 자리가 없고 대기 인원({waitlist.Capacity}명)도 다 찼습니다." : null;
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
