using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.ServiceDefaults.Dapr;
using OneDay.ServiceDefaults.Errors;

namespace OneDay.Jobs.JobPostings;

/// <summary>
/// Routes other services call through Dapr (search: reindex; payments' workflows: paid / unpaid, the one road
/// by which jobs learns of a payment or its refund). The sidecar's access control admits only those callers
/// to /internal/jobs/**; RequireDaprAppToken keeps anything but the sidecar out when an app token is configured.
/// </summary>
public static class InternalJobsApi
{
    public static void MapInternalJobs(this WebApplication app)
    {
        var internalJobs = app.MapGroup("/internal/jobs").WithTags("Internal").RequireDaprAppToken().AllowAnonymous().ExcludeFromDescription();
        internalJobs.MapGet("/", SnapshotsAsync).WithName("ListJobSnapshots");
        internalJobs.MapPost("/applications/{applicationId:guid}/paid", MarkPaidAsync).WithName("MarkApplicationPaid");
        internalJobs.MapPost("/applications/{applicationId:guid}/unpaid", MarkUnpaidAsync).WithName("MarkApplicationUnpaid");
    }

    private static async Task<Results<Ok<JobSnapshotPage>, ProblemHttpResult>> SnapshotsAsync(Guid? after, int? limit, JobsDbContext db, CancellationToken cancellationToken)
    {
        var size = limit ?? 500;
        if (size is < 1 or > 1000) return ApiProblems.Invalid("limit", "limit must be between 1 and 1000");
        var jobs = db.Jobs.AsNoTracking();
        if (after is { } last) jobs = jobs.Where(j => j.Id.CompareTo(last) > 0);
        var page = await jobs.OrderBy(j => j.Id).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new JobSnapshotPage(page.Select(j => j.ToSnapshot()).ToList(), page.Count == size ? page[^1].Id : null));
    }

    /// <summary>Idempotent: an application already Paid (or its cancellation pay already settled) answers 200 as it stands.</summary>
    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> MarkPaidAsync(Guid applicationId, ApplicationLifecycle lifecycle, JobsDbContext db, CancellationToken cancellationToken) =>
        AnswerIdempotently(await lifecycle.MarkPaidAsync(applicationId, cancellationToken), ApplicationStatus.Paid, await CurrentAsync(db, applicationId, cancellationToken));

    /// <summary>Payments' compensation; idempotent: an application already Completed (unpaid) answers 200.</summary>
    private static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> MarkUnpaidAsync(Guid applicationId, ApplicationLifecycle lifecycle, JobsDbContext db, CancellationToken cancellationToken) =>
        AnswerIdempotently(await lifecycle.MarkUnpaidAsync(applicationId, cancellationToken), ApplicationStatus.Completed, await CurrentAsync(db, applicationId, cancellationToken));

    private static Task<Application?> CurrentAsync(JobsDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);

    private static Results<Ok<ApplicationView>, ProblemHttpResult> AnswerIdempotently(ApplicationChange change, ApplicationStatus wanted, Application? current) => change.Outcome switch
    {
        ApplicationChangeOutcome.NotFound => ApiProblems.NotFound("application not found"),
        ApplicationChangeOutcome.Done => TypedResults.Ok(ApplicationView.Of(change.Application!)),
        _ when current?.Status == wanted => TypedResults.Ok(ApplicationView.Of(current)),
        _ => ApiProblems.Conflict(change.Refusal ?? "the application is not in a state that allows this"),
    };
}
