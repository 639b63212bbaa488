using System.Security.Claims;
using Dapr.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Data;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Workflows;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.WagePayments;

/// <summary>
/// The employer's payment for a completed application: create, confirm and cancel (<see cref="PaymentLifecycle"/>);
/// history for both sides. A payment is visible only to its employer and worker; to anyone else it does not exist (404).
/// </summary>
public static class PaymentsApi
{
    /// <summary>When a confirm turned away as busy may come again: processing drains about a hundred payments in that time.</summary>
    private static readonly TimeSpan ConfirmRetryAfter = TimeSpan.FromSeconds(2);

    public static void MapPayments(this WebApplication app)
    {
        var payments = app.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/create", CreateAsync).RequireAuthorization(nameof(UserRole.Employer)).WithIdempotencyKey("create").WithName("CreatePayment");
        payments.MapPost("/confirm", ConfirmAsync).RequireAuthorization(nameof(UserRole.Employer)).WithIdempotencyKey("confirm").WithName("ConfirmPayment");
        payments.MapPost("/cancel", CancelAsync).RequireAuthorization(nameof(UserRole.Employer)).WithIdempotencyKey("cancel").WithName("CancelPayment");
        payments.MapGet("/history", HistoryAsync).RequireAuthorization().WithName("ListPaymentHistory");
        payments.MapGet("/{id:guid}", GetAsync).RequireAuthorization().WithName("GetPayment");
    }

    private static async Task<Results<Created<PaymentView>, ProblemHttpResult>> CreateAsync(
        CreatePayment request, ClaimsPrincipal user, PaymentLifecycle payments, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } employerId) return ApiProblems.NotFound("결제할 완료된 지원을 찾을 수 없습니다.");
        var change = await payments.CreateAsync(employerId, request.ApplicationId, cancellationToken);
        return change.Outcome switch
        {
            PaymentChangeOutcome.Done => TypedResults.Created($"/payments/{change.Payment!.Id}", PaymentView.Of(change.Payment)),
            PaymentChangeOutcome.NotFound => ApiProblems.NotFound("결제할 완료된 지원을 찾을 수 없습니다."),
            _ => ApiProblems.Conflict(change.Refusal!),
        };
    }

    private static async Task<Results<Accepted<PaymentView>, ProblemHttpResult>> ConfirmAsync(
        ConfirmPayment request, ClaimsPrincipal user, PaymentLifecycle payments, HttpResponse response, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } employerId) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        var change = await payments.ConfirmAsync(employerId, request.PaymentId, request.PaymentKey, request.AmountKrw, cancellationToken);
        return change.Outcome switch
        {
            PaymentChangeOutcome.Started => TypedResults.Accepted($"/payments/{change.Payment!.Id}", PaymentView.Of(change.Payment)),
            PaymentChangeOutcome.NotFound => ApiProblems.NotFound("결제를 찾을 수 없습니다."),
            PaymentChangeOutcome.Invalid => ApiProblems.Invalid("amountKrw", change.Refusal!),
            PaymentChangeOutcome.Busy => ApiProblems.TooManyRequests(response, ConfirmRetryAfter, "요청이 몰려 있습니다. 잠시 후 다시 시도해 주세요.",
                "결제 확인이 몰려 있습니다. 카드 결제는 그대로 유효하니 잠시 후 다시 시도해 주세요."),
            _ => ApiProblems.Conflict(change.Refusal!),
        };
    }

    /// <summary>Before payment the order is cancelled (200); after completion the payment is refunded by its workflow (202).</summary>
    private static async Task<Results<Ok<PaymentView>, Accepted<PaymentView>, ProblemHttpResult>> CancelAsync(
        CancelPayment request, ClaimsPrincipal user, PaymentLifecycle payments, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } employerId) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        var change = await payments.CancelAsync(employerId, request.PaymentId, request.Reason ?? "고용주 요청", cancellationToken);
        return change.Outcome switch
        {
            PaymentChangeOutcome.Done => TypedResults.Ok(PaymentView.Of(change.Payment!)),
            PaymentChangeOutcome.Started => TypedResults.Accepted($"/payments/{change.Payment!.Id}", PaymentView.Of(change.Payment)),
            PaymentChangeOutcome.NotFound => ApiProblems.NotFound("결제를 찾을 수 없습니다."),
            _ => ApiProblems.Conflict(change.Refusal!),
        };
    }

    /// <summary>The payment; while it is in flight (Processing, Refunding), with the step its workflow is at.</summary>
    private static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, PaymentsDbContext db, DaprWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null || user.UserId() is not { } caller || !payment.IsVisibleTo(caller)) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        var instanceId = payment.Status switch
        {
            PaymentStatus.Processing => PaymentWorkflow.InstanceId(payment.Id),
            PaymentStatus.Refunding => PaymentRefundWorkflow.InstanceId(payment.Id),
            _ => null,
        };
        if (instanceId is null) return TypedResults.Ok(PaymentView.Of(payment));
        // The custom status travels with the payloads, as in daprd.
        var state = await workflows.GetWorkflowStateAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return TypedResults.Ok(PaymentView.Of(payment) with { WorkflowStep = state is { Exists: true } ? state.ReadCustomStatusAs<PaymentWorkflowStep?>() : null });
    }

    private static async Task<Results<Ok<HistoryPage>, ProblemHttpResult>> HistoryAsync(
        Guid? cursor, int? limit, ClaimsPrincipal user, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var size = limit ?? 20;
        if (size is < 1 or > 100) return ApiProblems.Invalid("limit", "limit은 1에서 100 사이여야 합니다.");
        if (user.UserId() is not { } caller) return ApiProblems.NotFound("사용자를 알 수 없습니다.");
        if (user.IsInRole(UserRole.Employer))
        {
            var payments = db.Payments.AsNoTracking().Where(p => p.EmployerId == caller);
            if (cursor is { } before) payments = payments.Where(p => p.Id.CompareTo(before) < 0);
            var page = await payments.OrderByDescending(p => p.Id).Take(size).ToListAsync(cancellationToken);
            return TypedResults.Ok(new HistoryPage(page.Select(PaymentView.Of).ToList(), [], page.Count == size ? page[^1].Id : null));
        }
        var settlements = db.Settlements.AsNoTracking().Where(s => s.WorkerId == caller);
        if (cursor is { } after) settlements = settlements.Where(s => s.Id.CompareTo(after) < 0);
        var settled = await settlements.OrderByDescending(s => s.Id).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new HistoryPage([], settled.Select(SettlementView.Of).ToList(), settled.Count == size ? settled[^1].Id : null));
    }
}
