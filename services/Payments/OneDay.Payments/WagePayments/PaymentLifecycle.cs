using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Payments.Data;
using OneDay.Payments.Fees;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.Workflows;
using OneDay.Persistence.Outbox;

namespace OneDay.Payments.WagePayments;

/// <summary>
/// Every change an employer asks of a payment: create (amount due + a provider order), confirm (after the client
/// paid the PG; <see cref="PaymentWorkflow"/> does the rest), cancel before payment or refund after. Each is one
/// transaction; a change that does not apply to the payment as it stands is refused and changes nothing. A payment
/// that is not the employer's is not found.
/// </summary>
public sealed class PaymentLifecycle(
    PaymentsDbContext db, PaymentJournals journals, IPaymentProvider provider, IntegrationEventOutbox<PaymentsDbContext> outbox,
    IOptions<PlatformFeeOptions> fee, IOptions<PaymentWorkflowOptions> workflow, TimeProvider time)
{
    private const string AlreadyPaid = "이 지원에 대한 결제가 이미 있습니다.";

    /// <summary>The payment for a completed application the employer owes pay for; not found when there is none.</summary>
    public async Task<PaymentChange> CreateAsync(Guid employerId, Guid applicationId, CancellationToken cancellationToken)
    {
        var owed = await db.OwedWages.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == applicationId, cancellationToken);
        if (owed is null || owed.EmployerId != employerId) return PaymentChange.NotFound;
        if (await db.Payments.AnyAsync(p => p.ApplicationId == applicationId && p.Status != PaymentStatus.Failed && p.Status != PaymentStatus.Cancelled, cancellationToken))
            return PaymentChange.Refused(AlreadyPaid);

        var breakdown = PayCalculator.Calculate(owed.Basis(), fee.Value.BasisPoints);
        var now = time.GetUtcNow();
        var paymentId = Guid.CreateVersion7(now);
        var orderId = await provider.CreateOrderAsync(paymentId, breakdown.EmployerChargeKrw, cancellationToken);
        var payment = new Payment
        {
            Id = paymentId, ApplicationId = owed.ApplicationId, JobId = owed.JobId, EmployerId = owed.EmployerId,
            WorkerId = owed.WorkerId, GrossWageKrw = breakdown.GrossWageKrw, PlatformFeeKrw = breakdown.PlatformFeeKrw,
            IncomeTaxKrw = breakdown.IncomeTaxKrw, LocalIncomeTaxKrw = breakdown.LocalIncomeTaxKrw, ProviderOrderId = orderId, CreatedAt = now,
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return PaymentChange.Refused(AlreadyPaid);
        }
        return PaymentChange.Done(payment);
    }

    /// <summary>
    /// The client paid the PG: processing starts, with the workflow that collects the payment; busy (nothing
    /// changed) while <see cref="PaymentWorkflowOptions.MaxProcessing"/> payments are processing already.
    /// </summary>
    public async Task<PaymentChange> ConfirmAsync(Guid employerId, Guid paymentId, string paymentKey, long amountKrw, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await LockAsync(paymentId, cancellationToken);
        if (payment is null || payment.EmployerId != employerId) return PaymentChange.NotFound;
        if (amountKrw != payment.AmountKrw) return PaymentChange.Invalid($"결제 금액({amountKrw}원)이 청구 금액({payment.AmountKrw}원)과 다릅니다.");
        if (payment.BeginProcessing(paymentKey) is { } refusal) return PaymentChange.Refused(refusal);
        // Admission: the confirm waits at the client rather than in a backlog here (the change above is not saved).
        if (await db.Payments.CountAsync(p => p.Status == PaymentStatus.Processing, cancellationToken) >= workflow.Value.MaxProcessing)
        {
            PaymentMetrics.RecordTurnedAway();
            return PaymentChange.Busy;
        }
        // Committed with the payment: a process that dies right after the commit still gets its workflow started.
        outbox.StartWorkflow(nameof(PaymentWorkflow), PaymentWorkflow.InstanceId(payment.Id), new PaymentWorkflowInput(payment.Id, time.GetUtcNow(), workflow.Value.Retry));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PaymentChange.Started(payment);
    }

    /// <summary>
    /// Before payment: cancels the order (done). After completion: refunds — the ledger is reversed here, in one
    /// transaction (refused when the worker has already withdrawn the money) with the start of
    /// <see cref="PaymentRefundWorkflow"/>, which refunds the card, has jobs unmark the application and announces payment-refunded.
    /// </summary>
    public async Task<PaymentChange> CancelAsync(Guid employerId, Guid paymentId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var payment = await LockAsync(paymentId, cancellationToken);
        if (payment is null || payment.EmployerId != employerId) return PaymentChange.NotFound;
        if (payment.Status == PaymentStatus.AwaitingPayment)
        {
            payment.Cancel();
            await provider.CancelAsync(payment.ProviderOrderId, payment.AmountKrw, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return PaymentChange.Done(payment);
        }
        if (payment.BeginRefund() is { } refusal) return PaymentChange.Refused(refusal);
        try
        {
            await journals.ReverseSettlementAsync(payment, cancellationToken);
        }
        catch (InsufficientFundsException)
        {
            return PaymentChange.Refused("근로자가 이미 출금한 금액은 환불할 수 없습니다.");
        }
        outbox.StartWorkflow(nameof(PaymentRefundWorkflow), PaymentRefundWorkflow.InstanceId(payment.Id), new PaymentRefundInput(payment.Id, reason, workflow.Value.Retry));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PaymentChange.Started(payment);
    }

    /// <summary>Loads the payment with its row locked until the transaction ends, so a confirm and a cancel (or two confirms) take turns.</summary>
    private async Task<Payment?> LockAsync(Guid paymentId, CancellationToken cancellationToken) =>
        (await db.Payments.FromSql($"SELECT * FROM payments WHERE id = {paymentId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
}
