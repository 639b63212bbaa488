using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Jobs.Data;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Jobs.Reliability;

public sealed record MarkWorker(WorkerMarkKind Kind);

public sealed record WorkerMarkView(Guid WorkerId, WorkerMarkKind Kind, DateTimeOffset MarkedAt);

/// <summary>
/// An employer marks a worker who has applied to them: a favourite is listed first among applicants, a blocked
/// worker cannot apply to their jobs again. Only workers who applied to the employer can be marked, so the
/// route says nothing about who else exists.
/// </summary>
public static class WorkerMarksApi
{
    public static void MapWorkerMarks(this WebApplication app)
    {
        var marks = app.MapGroup("/jobs/workers").WithTags("Applicants").RequireAuthorization(nameof(UserRole.Employer));
        marks.MapPut("/{workerId:guid}/mark", MarkAsync).WithName("MarkWorker");
        marks.MapDelete("/{workerId:guid}/mark", UnmarkAsync).WithName("UnmarkWorker");
        marks.MapGet("/marked", ListAsync).WithName("ListMarkedWorkers");
    }

    private static async Task<Results<Ok<WorkerMarkView>, ProblemHttpResult>> MarkAsync(
        Guid workerId, MarkWorker request, ClaimsPrincipal user, JobsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(request.Kind)) return ApiProblems.Invalid("kind", "kind는 Favourite 또는 Blocked여야 합니다.");
        var employer = user.UserId()!.Value;
        if (!await db.Applications.AnyAsync(a => a.EmployerId == employer && a.WorkerId == workerId, cancellationToken)) return ApiProblems.NotFound("내 공고에 지원한 적이 없는 사람입니다.");
        var now = DatabaseTime.Of(time.GetUtcNow());
        // One statement, so two marks at once leave one row (the later one), never a failure.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO worker_marks (employer_id, worker_id, kind, marked_at) VALUES ({employer}, {workerId}, {request.Kind.ToString()}, {now})
            ON CONFLICT (employer_id, worker_id) DO UPDATE SET kind = EXCLUDED.kind, marked_at = EXCLUDED.marked_at
            """, cancellationToken);
        return TypedResults.Ok(new WorkerMarkView(workerId, request.Kind, now));
    }

    private static async Task<NoContent> UnmarkAsync(Guid workerId, ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        var employer = user.UserId()!.Value;
        await db.WorkerMarks.Where(m => m.EmployerId == employer && m.WorkerId == workerId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<WorkerMarkView>>> ListAsync(ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        var employer = user.UserId()!.Value;
        var marks = await db.WorkerMarks.AsNoTracking().Where(m => m.EmployerId == employer).OrderByDescending(m => m.MarkedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(marks.Select(m => new WorkerMarkView(m.WorkerId, m.Kind, m.MarkedAt)).ToList());
    }
}
