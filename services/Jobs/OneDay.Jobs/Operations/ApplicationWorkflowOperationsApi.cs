using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.Workflows;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Workflows;

namespace OneDay.Jobs.Operations;

/// <summary>
/// What an Admin does about application workflows that did not do their work: list the overdue ones (from the
/// applications still Pending, Submitted or Waitlisted past when their workflow should have moved them, with each workflow's
/// standing from the sidecar), run one again from its start, or terminate one.
/// </summary>
public static class ApplicationWorkflowOperationsApi
{
    public static void MapApplicationWorkflowOperations(this WebApplication app)
    {
        var operations = app.MapGroup("/jobs/operations/workflows").WithTags("Operations").RequireAuthorization(nameof(UserRole.Admin));
        operations.MapGet("/", ListOverdueAsync).WithName("ListOverdueApplicationWorkflows")
            .WithSummary("Applications still Pending, Submitted past their decision deadline, or Waitlisted past the waitlist's closing, longer than WorkflowOperations:OverdueAfter, with their workflows (Admin)");
        operations.MapPost("/{applicationId}/retry", RetryAsync).WithName("RetryApplicationWorkflow")
            .WithSummary("Runs an ended workflow of an application still in flight again from its start, with its input (Admin)");
        operations.MapPost("/{applicationId}/terminate", TerminateAsync).WithName("TerminateApplicationWorkflow")
            .WithSummary("Terminates an application's running workflow; the application stays as it is (Admin)");
    }

    private static async Task<Results<Ok<OverdueApplicationWorkflowsPage>, ProblemHttpResult>> ListOverdueAsync(
        Guid? cursor, int? limit, JobsDbContext db, WorkflowOperator workflows, IOptions<WorkflowOperationsOptions> operations,
        IOptions<JobApplicationWorkflowOptions> pacing, IOptions<WaitlistOptions> waitlist, TimeProvider time, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 100) return ApiProblems.Invalid("limit", "limit은 1에서 100 사이여야 합니다.");
        var dueBefore = time.GetUtcNow() - operations.Value.OverdueAfter;
        var lead = pacing.Value.DecisionLeadTime;
        // The decision deadline is the start less the lead time (SubmitApplicationActivity).
        var startsBefore = dueBefore + lead;
        var openAfterStart = waitlist.Value.OpenAfterStart;
        var waitlistStartsBefore = dueBefore - openAfterStart;
        var overdue = from a in db.Applications.AsNoTracking()
                      join j in db.Jobs.AsNoTracking() on a.JobId equals j.Id
                      where (a.Status == ApplicationStatus.Pending && a.AppliedAt < dueBefore)
                            || (a.Status == ApplicationStatus.Submitted && j.StartsAt < startsBefore)
                            || (a.Status == ApplicationStatus.Waitlisted && j.StartsAt < waitlistStartsBefore)
                      select new { a.Id, a.JobId, a.Status, a.AppliedAt, j.StartsAt };
        if (cursor is { } after) overdue = overdue.Where(a => a.Id.CompareTo(after) > 0);
        var rows = await overdue.OrderBy(a => a.Id).Take(size).ToListAsync(cancellationToken);
        var items = new List<OverdueApplicationWorkflow>(rows.Count);
        foreach (var row in rows)
            items.Add(new(row.Id, row.JobId, row.Status, row.AppliedAt, row.Status switch
                {
                    ApplicationStatus.Pending => row.AppliedAt,
                    ApplicationStatus.Waitlisted => row.StartsAt + openAfterStart,
                    _ => row.StartsAt - lead,
                },
                await workflows.ReadAsync<JobApplicationProgress>(row.Id.ToString(), cancellationToken)));
        return TypedResults.Ok(new OverdueApplicationWorkflowsPage(items, rows.Count == size ? rows[^1].Id : null));
    }

    private static async Task<Results<Accepted<WorkflowStanding<JobApplicationProgress>>, ProblemHttpResult>> RetryAsync(
        string applicationId, JobsDbContext db, WorkflowOperator workflows, CancellationToken cancellationToken)
    {
        var (id, status, problem) = await FindAsync(applicationId, db, cancellationToken);
        if (problem is not null) return problem;
        // An ended application is past what its workflow could do: a new run would only find it ended.
        if (status is not (ApplicationStatus.Pending or ApplicationStatus.Submitted or ApplicationStatus.Waitlisted)) return ApiProblems.Conflict($"이미 처리가 끝난 지원입니다 ({status}).");
        return await workflows.RetryAsync<JobApplicationProgress>(nameof(JobApplicationWorkflow), id.ToString(), cancellationToken);
    }

    private static async Task<Results<Ok<WorkflowStanding<JobApplicationProgress>>, ProblemHttpResult>> TerminateAsync(
        string applicationId, JobsDbContext db, WorkflowOperator workflows, CancellationToken cancellationToken)
    {
        var (id, _, problem) = await FindAsync(applicationId, db, cancellationToken);
        return problem ?? await workflows.TerminateAsync<JobApplicationProgress>(id.ToString(), cancellationToken);
    }

    /// <summary>The application named in the path, or the problem: 400 for what is not an id, 404 for no such application.</summary>
    private static async Task<(Guid Id, ApplicationStatus Status, ProblemHttpResult? Problem)> FindAsync(string applicationId, JobsDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(applicationId, out var id)) return (default, default, ApiProblems.Invalid("applicationId", "지원 ID 형식이 올바르지 않습니다."));
        var status = await db.Applications.Where(a => a.Id == id).Select(a => (ApplicationStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);
        return status is { } found ? (id, found, null) : (id, default, ApiProblems.NotFound("지원이 없습니다."));
    }
}
