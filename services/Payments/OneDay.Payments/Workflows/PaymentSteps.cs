using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Payments;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Payments.WagePayments;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Payments.Workflows;

/// <summary>
/// What the payment workflows' activities do, one method per activity. Every step is idempotent: re-run
/// after a crash (an activity whose completion never reached the workflow) it finds its work done and
/// posts, records and announces nothing twice — ledger journals are keyed by reference, the provider's
/// confirm and cancel are idempotent per payment key, jobs' paid mark is a state, and the final records
/// check the payment's status first. A step whose outcome is unknown (the provider or jobs did not
/// answer) throws, for the workflow's retry policy.
/// </summary>
public sealed class PaymentSteps(
    PaymentsDbContext db,
    MoneyLedger ledger,
    PaymentJournals journals,
    IPaymentProvider provider,
    IApplicationPayments jobs,
    IntegrationEventOutbox<PaymentsDbContext> outbox,
    TimeProvider time,
    ILogger<PaymentSteps> logger)
{
    public async Task<CaptureResult> CaptureAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        return await provider.ConfirmAsync(payment.ProviderOrderId, payment.ProviderPaymentKey!, payment.AmountKrw, cancellationToken);
    }

    public async Task FundEscrowAsync(Guid paymentId, CancellationToken cancellationToken) =>
        await FundEscrowAsync(await PaymentAsync(paymentId, cancellationToken), cancellationToken);

    /// <summary>
    /// Capture, escrow and jobs' paid mark, on one load of the payment. Run again (jobs did not answer), it asks the
    /// provider only while escrow is unfunded: escrow is funded only after a capture, and a capture once confirmed is
    /// not confirmed again (the sandbox forgets its orders on a restart, and a real PG may refuse a second confirm,
    /// either of which would read as a decline and leave the card captured). Escrow is keyed by reference, jobs' mark a state.
    /// </summary>
    public async Task<PaymentCollection> CollectAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        if (!await ledger.IsPostedAsync(PaymentJournals.EscrowReference(payment.Id), cancellationToken))
        {
            var capture = await provider.ConfirmAsync(payment.ProviderOrderId, payment.ProviderPaymentKey!, payment.AmountKrw, cancellationToken);
            if (!capture.Captured) return new PaymentCollection(false, capture.DeclineReason ?? PaymentCollection.Declined);
            await FundEscrowAsync(payment, cancellationToken);
        }
        var marked = await jobs.MarkPaidAsync(payment.ApplicationId, cancellationToken);
        return new PaymentCollection(true, marked.Done ? null : marked.Refusal ?? PaymentCollection.JobsRefused);
    }

    private async Task FundEscrowAsync(Payment payment, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.PostAsync(await journals.EscrowAsync(payment, cancellationToken), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ApplicationMarkAnswer> MarkApplicationPaidAsync(Guid paymentId, CancellationToken cancellationToken) =>
        await jobs.MarkPaidAsync((await PaymentAsync(paymentId, cancellationToken)).ApplicationId, cancellationToken);

    /// <summary>Escrow → the worker's wallet (net of withholding), the fee and the withholding accounts; the payment completed and announced.</summary>
    public async Task SettleAsync(Guid paymentId, DateTimeOffset confirmedAt, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        var breakdown = payment.Breakdown;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await ledger.PostAsync(await journals.SettlementAsync(payment, cancellationToken), cancellationToken)) return;
        var now = time.GetUtcNow();
        var settlement = new Settlement
        {
            Id = Guid.CreateVersion7(now), PaymentId = payment.Id, WorkerId = payment.WorkerId, GrossWageKrw = breakdown.GrossWageKrw,
            WithheldKrw = breakdown.WithheldKrw, NetAmountKrw = breakdown.NetToWorkerKrw, CreatedAt = now,
        };
        db.Settlements.Add(settlement);
        payment.Complete(now);
        outbox.Add(new PaymentCompleted(payment.Id, payment.ApplicationId, payment.JobId, payment.EmployerId, payment.WorkerId, payment.AmountKrw, payment.PlatformFeeKrw));
        outbox.Add(new SettlementCreated(settlement.Id, payment.Id, payment.WorkerId, settlement.NetAmountKrw));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        PaymentMetrics.RecordOutcome(PaymentStatus.Completed, payment.AmountKrw);
        PaymentMetrics.RecordSettled(now - confirmedAt);
    }

    /// <summary>Jobs' paid mark taken back. A refusal is final, so it is logged for an operator rather than retried.</summary>
    public async Task MarkApplicationUnpaidAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        var answer = await jobs.MarkUnpaidAsync(payment.ApplicationId, cancellationToken);
        if (!answer.Done) logger.LogError("payment {PaymentId}: jobs refused to unmark application {ApplicationId}: {Refusal}", payment.Id, payment.ApplicationId, answer.Refusal);
    }

    public async Task ReverseEscrowAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await journals.ReverseEscrowAsync(payment, "결제 실패: 에스크로 반환", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The card's capture cancelled (or refunded) at the provider; cancelling what was never captured does nothing.</summary>
    public async Task CancelCaptureAsync(Guid paymentId, string reason, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        await provider.CancelAsync(payment.ProviderOrderId, payment.AmountKrw, reason, cancellationToken);
    }

    public async Task RecordFailureAsync(PaymentFailure failure, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(failure.PaymentId, cancellationToken);
        if (payment.Status != PaymentStatus.Processing) return;
        payment.Fail(failure.Reason);
        outbox.Add(new PaymentFailed(payment.Id, payment.ApplicationId, payment.JobId, payment.EmployerId, payment.WorkerId, failure.Reason));
        await db.SaveChangesAsync(cancellationToken);
        PaymentMetrics.RecordOutcome(PaymentStatus.Failed, payment.AmountKrw);
        if (failure.GaveUpAt is { } step) SagaMetrics.RecordFailure(PaymentWorkflow.SagaKind, step.ToString());
    }

    public async Task RecordRefundAsync(Guid paymentId, string reason, CancellationToken cancellationToken)
    {
        var payment = await PaymentAsync(paymentId, cancellationToken);
        if (payment.Status != PaymentStatus.Refunding) return;
        payment.MarkRefunded();
        outbox.Add(new PaymentRefunded(payment.Id, payment.ApplicationId, payment.JobId, payment.AmountKrw, reason));
        await db.SaveChangesAsync(cancellationToken);
        PaymentMetrics.RecordOutcome(PaymentStatus.Refunded, payment.AmountKrw);
    }

    private Task<Payment> PaymentAsync(Guid paymentId, CancellationToken cancellationToken) => db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken);
}
