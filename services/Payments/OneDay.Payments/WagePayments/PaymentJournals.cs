using OneDay.Payments.Ledger;

namespace OneDay.Payments.WagePayments;

/// <summary>
/// The journals of one payment, built in one place so that posting and reversing them always agree:
/// escrow (employer funding → escrow, at capture) and settlement (escrow → worker wallet, platform fee,
/// withholding, when the payment completes).
/// </summary>
public sealed class PaymentJournals(MoneyLedger ledger)
{
    public static string EscrowReference(Guid paymentId) => $"payment:{paymentId}:escrow";

    public static string EscrowReversalReference(Guid paymentId) => $"payment:{paymentId}:escrow-reversal";

    public static string SettlementReference(Guid paymentId) => $"payment:{paymentId}:settlement";

    public static string SettlementReversalReference(Guid paymentId) => $"payment:{paymentId}:settlement-reversal";

    public async Task<JournalEntry> EscrowAsync(Payment payment, CancellationToken cancellationToken)
    {
        var funding = await ledger.AccountAsync(AccountKind.EmployerFunding, payment.EmployerId, cancellationToken);
        var escrow = await ledger.AccountAsync(AccountKind.Escrow, null, cancellationToken);
        return new JournalEntry(EscrowReference(payment.Id), "결제 승인: 고용주 → 에스크로", [(funding, -payment.AmountKrw), (escrow, payment.AmountKrw)]);
    }

    public async Task<JournalEntry> SettlementAsync(Payment payment, CancellationToken cancellationToken)
    {
        var breakdown = payment.Breakdown;
        var escrow = await ledger.AccountAsync(AccountKind.Escrow, null, cancellationToken);
        var wallet = await ledger.AccountAsync(AccountKind.WorkerWallet, payment.WorkerId, cancellationToken);
        List<(LedgerAccount, long)> postings = [(escrow, -breakdown.EmployerChargeKrw), (wallet, breakdown.NetToWorkerKrw)];
        if (breakdown.PlatformFeeKrw > 0) postings.Add((await ledger.AccountAsync(AccountKind.PlatformFees, null, cancellationToken), breakdown.PlatformFeeKrw));
        if (breakdown.WithheldKrw > 0) postings.Add((await ledger.AccountAsync(AccountKind.WithholdingTax, null, cancellationToken), breakdown.WithheldKrw));
        return new JournalEntry(SettlementReference(payment.Id), "정산: 근로자 지갑, 수수료, 원천징수", postings);
    }

    /// <summary>Undoes the escrow journal if it was posted and not yet undone.</summary>
    public async Task ReverseEscrowAsync(Payment payment, string description, CancellationToken cancellationToken)
    {
        if (!await ledger.IsPostedAsync(EscrowReference(payment.Id), cancellationToken)) return;
        await ledger.PostAsync((await EscrowAsync(payment, cancellationToken)).Reversed(EscrowReversalReference(payment.Id), description), cancellationToken);
    }

    /// <summary>
    /// Takes a completed payment's money back: settlement then escrow reversed, in the caller's
    /// transaction. Throws <see cref="InsufficientFundsException"/> when the worker has already withdrawn it.
    /// </summary>
    public async Task ReverseSettlementAsync(Payment payment, CancellationToken cancellationToken)
    {
        await ledger.PostAsync((await SettlementAsync(payment, cancellationToken)).Reversed(SettlementReversalReference(payment.Id), "환불: 정산 취소"), cancellationToken);
        await ReverseEscrowAsync(payment, "환불: 고용주에게 반환", cancellationToken);
    }
}
