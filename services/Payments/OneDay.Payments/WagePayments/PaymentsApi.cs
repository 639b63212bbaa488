using System.Security.Claims;
using Dapr.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Payments.Assignments;
using OneDay.Payments.Data;
using OneDay.Payments.Fees;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.Workflows;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Payments.WagePayments;

/// <summary>
/// The employer's payment for a completed application: create (amount due + a provider order), confirm
/// (after the client paid the PG; <see cref="PaymentWorkflow"/> does the rest), cancel before payment; history for both sides.
/// A payment is visible only to its employer and worker; to anyone else it does not exist (404).
/// </summary>
public static class PaymentsApi
{
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
        CreatePayment request, ClaimsPrincipal user, PaymentsDbContext db, IPaymentProvider provider, IOptions<PlatformFeeOptions> fee, TimeProvider time, CancellationToken cancellationToken)
    {
        var assignment = await db.PayableAssignments.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == request.ApplicationId, cancellationToken);
        if (assignment is null || assignment.EmployerId != user.UserId()) return ApiProblems.NotFound("결제할 완료된 지원을 찾을 수 없습니다.");
        if (await db.Payments.AnyAsync(p => p.ApplicationId == request.ApplicationId && p.Status != PaymentStatus.Failed && p.Status != PaymentStatus.Cancelled, cancellationToken))
            return ApiProblems.Conflict("이 지원에 대한 결제가 이미 있습니다.");

        var breakdown = PayCalculator.Calculate(assignment.Basis(), fee.Value.BasisPoints);
        var now = time.GetUtcNow();
        var paymentId = Guid.CreateVersion7(now);
        var orderId = await provider.CreateOrderAsync(paymentId, breakdown.EmployerChargeKrw, cancellationToken);
        var payment = new Payment
        {
            Id = paymentId, ApplicationId = assignment.ApplicationId, JobId = assignment.JobId, EmployerId = assignment.EmployerId,
            WorkerId = assignment.WorkerId, GrossWageKrw = breakdown.GrossWageKrw, PlatformFeeKrw = breakdown.PlatformFeeKrw,
            IncomeTaxKrw = breakdown.IncomeTaxKrw, LocalIncomeTaxKrw = breakdown.LocalIncomeTaxKrw, ProviderOrderId = orderId, CreatedAt = now,
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Conflict("이 지원에 대한 결제가 이미 있습니다.");
        }
        return TypedResults.Created($"/payments/{payment.Id}", PaymentView.Of(payment));
    }

    private static async Task<Results<Accepted<PaymentView>, ProblemHttpResult>> ConfirmAsync(
        ConfirmPayment request, ClaimsPrincipal user, PaymentsDbContext db, IntegrationEventOutbox<PaymentsDbContext> outbox,
        IOptions<PaymentWorkflowOptions> workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await LockAsync(db, request.PaymentId, cancellationToken);
        if (payment is null || payment.EmployerId != user.UserId()) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        if (request.AmountKrw != payment.AmountKrw) return ApiProblems.Invalid("amountKrw", $"결제 금액({request.AmountKrw}원)이 청구 금액({payment.AmountKrw}원)과 다릅니다.");
        if (payment.BeginProcessing(request.PaymentKey) is { } refusal) return ApiProblems.Conflict(refusal);
        // Committed with the payment: a process that dies right after the commit still gets its workflow started.
        outbox.StartWorkflow(nameof(PaymentWorkflow), PaymentWorkflow.InstanceId(payment.Id), new PaymentWorkflowInput(payment.Id, time.GetUtcNow(), workflow.Value.Retry));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/payments/{payment.Id}", PaymentView.Of(payment));
    }

    /// <summary>
    /// Before payment: cancels the order. After completion: refunds — the ledger is reversed here, in one
    /// transaction (refused when the worker has already withdrawn the money) with the start of
    /// <see cref="PaymentRefundWorkflow"/>, which refunds the card, has jobs unmark the application and announces payment-refunded.
    /// </summary>
    private static async Task<Results<Ok<PaymentView>, Accepted<PaymentView>, ProblemHttpResult>> CancelAsync(
        CancelPayment request, ClaimsPrincipal user, PaymentsDbContext db, PaymentJournals journals, IPaymentProvider provider,
        IntegrationEventOutbox<PaymentsDbContext> outbox, IOptions<PaymentWorkflowOptions> workflow, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await LockAsync(db, request.PaymentId, cancellationToken);
        if (payment is null || payment.EmployerId != user.UserId()) return ApiProblems.NotFound("결제를 찾을 수 없습니다.");
        var reason = request.Reason ?? "고용주 요청";
        if (payment.Status == PaymentStatus.AwaitingPayment)
        {
            payment.Cancel();
            await provider.CancelAsync(payment.ProviderOrderId, payment.AmountKrw, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(PaymentView.Of(payment));
        }
        if (payment.BeginRefund() is { } refusal) return ApiProblems.Conflict(refusal);
        try
        {
            await journals.ReverseSettlementAsync(payment, cancellationToken);
        }
        catch (InsufficientFundsException)
        {
            return ApiProblems.Conflict("근로자가 이미 출금한 금액은 환불할 수 없습니다.");
        }
        outbox.StartWorkflow(nameof(PaymentRefundWorkflow), PaymentRefundWorkflow.InstanceId(payment.Id), new PaymentRefundInput(payment.Id, reason, workflow.Value.Retry));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/payments/{payment.Id}", PaymentView.Of(payment));
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

    /// <summary>Loads the payment with its row locked until the transaction ends, so a confirm and a cancel (or two confirms) take turns.</summary>
    private static async Task<Payment?> LockAsync(PaymentsDbContext db, Guid paymentId, CancellationToken cancellationToken) =>
        (await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {paymentId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
}
