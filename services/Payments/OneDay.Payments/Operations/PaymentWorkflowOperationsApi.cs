using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.Payments.WagePayments;
using OneDay.Payments.Workflows;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Workflows;

namespace OneDay.Payments.Operations;

/// <summary>
/// What an Admin does about payment workflows that did not finish: list the overdue ones (payments still Processing
/// or Refunding whose workflow started longer ago than WorkflowOperations:OverdueAfter, has ended, or is missing),
/// run one again from its start (every step finds its work done and moves no money twice), or terminate one.
/// </summary>
public static class PaymentWorkflowOperationsApi
{
    public static void MapPaymentWorkflowOperations(this WebApplication app)
    {
        var operations = app.MapGroup("/payments/operations/workflows").WithTags("Operations").RequireAuthorization(nameof(UserRole.Admin));
        operations.MapGet("/", ListOverdueAsync).WithName("ListOverduePaymentWorkflows")
            .WithSummary("Payments still Processing or Refunding past WorkflowOperations:OverdueAfter, with their workflows (Admin)");
        operations.MapPost("/{paymentId}/retry", RetryAsync).WithName("RetryPaymentWorkflow")
            .WithSummary("Runs the ended workflow of a payment still in flight again from its start, with its input (Admin)");
        operations.MapPost("/{paymentId}/terminate", TerminateAsync).WithName("TerminatePaymentWorkflow")
            .WithSummary("Terminates a payment's running workflow; what it did stays done until it is retried (Admin)");
    }

    private static async Task<Results<Ok<OverduePaymentWorkflowsPage>, ProblemHttpResult>> ListOverdueAsync(
        Guid? cursor, int? limit, PaymentsDbContext db, WorkflowOperator workflows, IOptions<WorkflowOperationsOptions> operations,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 100) return ApiProblems.Invalid("limit", "limit은 1에서 100 사이여야 합니다.");
        var dueBefore = time.GetUtcNow() - operations.Value.OverdueAfter;
        // Created before the cut-off is necessary, not enough: the workflow starts at confirm, which only the sidecar knows.
        var inFlight = db.Payments.AsNoTracking()
            .Where(p => (p.Status == PaymentStatus.Processing || p.Status == PaymentStatus.Refunding) && p.CreatedAt < dueBefore);
        if (cursor is { } after) inFlight = inFlight.Where(p => p.Id.CompareTo(after) > 0);
        var rows = await inFlight.OrderBy(p => p.Id).Select(p => new { p.Id, p.Status, p.CreatedAt }).Take(size).ToListAsync(cancellationToken);
        var items = new List<OverduePaymentWorkflow>();
        foreach (var row in rows)
        {
            var (name, instanceId) = WorkflowOf(row.Id, row.Status);
            var standing = await workflows.ReadAsync<PaymentWorkflowStep?>(instanceId, cancellationToken);
            if (standing is { IsActive: true } && standing.StartedAt >= dueBefore) continue;
            items.Add(new(row.Id, row.Status, row.CreatedAt, name, standing));
        }
        return TypedResults.Ok(new OverduePaymentWorkflowsPage(items, rows.Count == size ? rows[^1].Id : null));
    }

    private static async Task<Results<Accepted<WorkflowStanding<PaymentWorkflowStep?>>, ProblemHttpResult>> RetryAsync(
        string paymentId, PaymentsDbContext db, WorkflowOperator workflows, CancellationToken cancellationToken)
    {
        var (name, instanceId, problem) = await InFlightAsync(paymentId, db, cancellationToken);
        return problem ?? await workflows.RetryAsync<PaymentWorkflowStep?>(name, instanceId, cancellationToken);
    }

    private static async Task<Results<Ok<WorkflowStanding<PaymentWorkflowStep?>>, ProblemHttpResult>> TerminateAsync(
        string paymentId, PaymentsDbContext db, WorkflowOperator workflows, CancellationToken cancellationToken)
    {
        var (_, instanceId, problem) = await InFlightAsync(paymentId, db, cancellationToken);
        return problem ?? await workflows.TerminateAsync<PaymentWorkflowStep?>(instanceId, cancellationToken);
    }

    /// <summary>
    /// The workflow of the payment named in the path, or the problem: 400 for what is not an id, 404 for no such
    /// payment, 409 for a payment no workflow owns (awaiting payment, or ended).
    /// </summary>
    private static async Task<(string Name, string InstanceId, ProblemHttpResult? Problem)> InFlightAsync(string paymentId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(paymentId, out var id)) return ("", "", ApiProblems.Invalid("paymentId", "결제 ID 형식이 올바르지 않습니다."));
        var status = await db.Payments.Where(p => p.Id == id).Select(p => (PaymentStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is not { } found) return ("", "", ApiProblems.NotFound("결제가 없습니다."));
        if (found is not (PaymentStatus.Processing or PaymentStatus.Refunding)) return ("", "", ApiProblems.Conflict($"진행 중인 워크플로가 없는 결제입니다 ({found})."));
        var (name, instanceId) = WorkflowOf(id, found);
        return (name, instanceId, null);
    }

    private static (string Name, string InstanceId) WorkflowOf(Guid paymentId, PaymentStatus status) => status == PaymentStatus.Refunding
        ? (nameof(PaymentRefundWorkflow), PaymentRefundWorkflow.InstanceId(paymentId))
        : (nameof(PaymentWorkflow), PaymentWorkflow.InstanceId(paymentId));
}
