using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts.Payments;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Payments;
using OneDay.Payments.Providers;
using OneDay.Persistence.Outbox;

namespace OneDay.Payments.Saga;

/// <summary>
/// The payment saga's steps and compensations as plain code, independent of the actor that drives them:
/// capture with the provider → escrow funded by the employer → jobs marks the application paid → the
/// worker's settlement (escrow → wallet, fee, withholding; events). The worker's money reaches the wallet
/// only in the last step, so no compensation ever has to take back money a worker may already have
/// withdrawn. A refund after completion is its own path (provider refund → jobs unmarked → recorded),
/// begun once the caller has reversed the ledger. Every step is idempotent: a step re-run after a
/// crash finds its work done and moves on.
/// </summary>
public sealed class PaymentProcess(
    PaymentsDbContext db,
    MoneyLedger ledger,
    PaymentJournals journals,
    IPaymentProvider provider,
    IApplicationPayments jobs,
    IntegrationEventOutbox<PaymentsDbContext> outbox,
    IOptions<PaymentSagaOptions> options,
    TimeProvider time,
    ILogger<PaymentProcess> logger)
{
    public async Task<PaymentSagaState> AdvanceAsync(PaymentSagaState state, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.SingleAsync(p => p.Id == state.PaymentId, cancellationToken);
        try
        {
            return state.Step switch
            {
                PaymentSagaStep.Capture => await CaptureAsync(state, payment, cancellationToken),
                PaymentSagaStep.FundEscrow => await FundEscrowAsync(state, payment, cancellationToken),
                PaymentSagaStep.MarkPaid => await MarkPaidAsync(state, payment, cancellationToken),
                PaymentSagaStep.Settle => await SettleAsync(state, payment, cancellationToken),
                PaymentSagaStep.UnmarkPaid => await UnmarkPaidAsync(state, payment, cancellationToken),
                PaymentSagaStep.ReverseEscrow => await ReverseEscrowAsync(state, payment, cancellationToken),
                PaymentSagaStep.CancelCapture => await CancelCaptureAsync(state, payment, cancellationToken),
                PaymentSagaStep.RecordFailure => await RecordFailureAsync(state, payment, cancellationToken),
                PaymentSagaStep.RefundCapture => await RefundCaptureAsync(state, payment, cancellationToken),
                PaymentSagaStep.RefundUnmarkPaid => await RefundUnmarkPaidAsync(state, payment, cancellationToken),
                PaymentSagaStep.RecordRefund => await RecordRefundAsync(state, payment, cancellationToken),
                _ => state,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or PaymentProviderUnavailableException or TimeoutException or TaskCanceledException)
        {
            logger.LogWarning("payment {PaymentId}: {Step} failed for now ({Error})", state.PaymentId, state.Step, ex.Message);
            return Retry(state, $"{state.Step}: {ex.Message}");
        }
    }

    private async Task<PaymentSagaState> CaptureAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        var result = await provider.ConfirmAsync(payment.ProviderOrderId, payment.ProviderPaymentKey!, payment.AmountKrw, cancellationToken);
        var now = time.GetUtcNow();
        return result.Captured
            ? state.Advance(PaymentSagaStep.Capture, PaymentSagaStep.FundEscrow, now)
            : state.Compensate(result.DeclineReason ?? "결제가 거절되었습니다.", now);
    }

    private async Task<PaymentSagaState> FundEscrowAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ledger.PostAsync(await journals.EscrowAsync(payment, cancellationToken), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return state.Advance(PaymentSagaStep.FundEscrow, PaymentSagaStep.MarkPaid, time.GetUtcNow());
    }

    private async Task<PaymentSagaState> MarkPaidAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        var answer = await jobs.MarkPaidAsync(payment.ApplicationId, cancellationToken);
        var now = time.GetUtcNow();
        return answer.Done
            ? state.Advance(PaymentSagaStep.MarkPaid, PaymentSagaStep.Settle, now)
            : state.Compensate(answer.Refusal ?? "jobs refused to mark the application paid", now);
    }

    private async Task<PaymentSagaState> SettleAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        var breakdown = payment.Breakdown;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var posted = await ledger.PostAsync(await journals.SettlementAsync(payment, cancellationToken), cancellationToken);
        if (posted)
        {
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
        }
        return state.Advance(PaymentSagaStep.Settle, PaymentSagaStep.Finished, time.GetUtcNow());
    }

    private async Task<PaymentSagaState> UnmarkPaidAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        var answer = await jobs.MarkUnpaidAsync(payment.ApplicationId, cancellationToken);
        if (!answer.Done) logger.LogError("payment {PaymentId}: jobs refused to unmark application {ApplicationId}: {Refusal}", payment.Id, payment.ApplicationId, answer.Refusal);
        return state.CompensationDone(time.GetUtcNow());
    }

    private async Task<PaymentSagaState> ReverseEscrowAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await journals.ReverseEscrowAsync(payment, "결제 실패: 에스크로 반환", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return state.CompensationDone(time.GetUtcNow());
    }

    private async Task<PaymentSagaState> CancelCaptureAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        await provider.CancelAsync(payment.ProviderOrderId, payment.AmountKrw, state.FailureReason ?? "결제 실패", cancellationToken);
        return state.CompensationDone(time.GetUtcNow());
    }

    private async Task<PaymentSagaState> RecordFailureAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        if (payment.Status == PaymentStatus.Processing)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reason = state.FailureReason ?? "결제 처리에 실패했습니다.";
            payment.Fail(reason);
            outbox.Add(new PaymentFailed(payment.Id, payment.ApplicationId, payment.JobId, payment.EmployerId, payment.WorkerId, reason));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            PaymentMetrics.RecordOutcome(PaymentStatus.Failed, payment.AmountKrw);
        }
        return state.MoveTo(PaymentSagaStep.Finished, time.GetUtcNow());
    }

    private async Task<PaymentSagaState> RefundCaptureAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        await provider.CancelAsync(payment.ProviderOrderId, payment.AmountKrw, state.RefundReason ?? "환불", cancellationToken);
        return state.MoveTo(PaymentSagaStep.RefundUnmarkPaid, time.GetUtcNow());
    }

    private async Task<PaymentSagaState> RefundUnmarkPaidAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        var answer = await jobs.MarkUnpaidAsync(payment.ApplicationId, cancellationToken);
        if (!answer.Done) logger.LogError("payment {PaymentId}: jobs refused to unmark application {ApplicationId}: {Refusal}", payment.Id, payment.ApplicationId, answer.Refusal);
        return state.MoveTo(PaymentSagaStep.RecordRefund, time.GetUtcNow());
    }

    private async Task<PaymentSagaState> RecordRefundAsync(PaymentSagaState state, Payment payment, CancellationToken cancellationToken)
    {
        if (payment.Status == PaymentStatus.Refunding)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reason = state.RefundReason ?? "환불";
            payment.MarkRefunded();
            outbox.Add(new PaymentRefunded(payment.Id, payment.ApplicationId, payment.JobId, payment.AmountKrw, reason));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            PaymentMetrics.RecordOutcome(PaymentStatus.Refunded, payment.AmountKrw);
        }
        return state.MoveTo(PaymentSagaStep.Finished, time.GetUtcNow());
    }

    /// <summary>
    /// A forward step that keeps failing gives up and compensates — counting itself as possibly done when
    /// its effect is unknowable (a capture whose answer was lost), so compensation undoes it too.
    /// Compensations retry until they succeed.
    /// </summary>
    private PaymentSagaState Retry(PaymentSagaState state, string error)
    {
        var now = time.GetUtcNow();
        if (!state.RetriesUntilDone && state.Attempts + 1 >= options.Value.StepAttempts)
        {
            var gaveUp = state.Step == PaymentSagaStep.Capture ? state with { Done = [.. state.Done, PaymentSagaStep.Capture] } : state;
            return gaveUp.Compensate($"결제 처리 중 오류가 계속되었습니다: {error}", now);
        }
        var delay = options.Value.RetryDelay * Math.Pow(2, Math.Min(state.Attempts, 16));
        return state.RetryAt(now + (delay < options.Value.MaxRetryDelay ? delay : options.Value.MaxRetryDelay));
    }
}
