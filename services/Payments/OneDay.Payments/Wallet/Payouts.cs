using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Payments;
using OneDay.Contracts.Users;
using OneDay.Payments.Clients;
using OneDay.Payments.Data;
using OneDay.Payments.Ledger;
using OneDay.Payments.Providers;
using OneDay.Persistence.Outbox;

namespace OneDay.Payments.Wallet;

/// <summary>
/// A withdrawal in two movements: the amount is held (wallet → payout clearing, refused if the wallet
/// lacks it), then the payout provider pays it (clearing → paid out) or fails (clearing → wallet).
/// </summary>
public sealed class Payouts(PaymentsDbContext db, MoneyLedger ledger, IPayoutProvider provider, IntegrationEventOutbox<PaymentsDbContext> outbox, TimeProvider time)
{
    /// <summary>Holds the amount; throws <see cref="InsufficientFundsException"/> and writes nothing when the wallet lacks it.</summary>
    public async Task<Withdrawal> HoldAsync(Guid workerId, long amountKrw, PayoutAccount destination, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var withdrawal = new Withdrawal
        {
            Id = Guid.CreateVersion7(now), WorkerId = workerId, AmountKrw = amountKrw, Status = WithdrawalStatus.Requested, RequestedAt = now,
            BankName = destination.BankName, AccountNumber = destination.AccountNumber, AccountHolder = destination.AccountHolder,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wallet = await ledger.AccountAsync(AccountKind.WorkerWallet, workerId, cancellationToken);
        var clearing = await ledger.AccountAsync(AccountKind.PayoutClearing, null, cancellationToken);
        await ledger.PostAsync(new JournalEntry($"withdrawal:{withdrawal.Id}:hold", "출금 신청", [(wallet, -amountKrw), (clearing, amountKrw)]), cancellationToken);
        db.Withdrawals.Add(withdrawal);
        outbox.Add(new WithdrawalRequested(withdrawal.Id, workerId, amountKrw));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return withdrawal;
    }

    /// <summary>Pays a held withdrawal out; a refused transfer returns the money to the wallet.</summary>
    public async Task<Withdrawal> PayOutAsync(Guid withdrawalId, CancellationToken cancellationToken)
    {
        var withdrawal = await db.Withdrawals.SingleAsync(w => w.Id == withdrawalId, cancellationToken);
        if (withdrawal.Status != WithdrawalStatus.Requested) return withdrawal;
        var transfer = new PayoutDestination(withdrawal.WorkerId, withdrawal.BankName, withdrawal.AccountNumber, withdrawal.AccountHolder);
        var result = await provider.PayOutAsync(withdrawal.Id, transfer, withdrawal.AmountKrw, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A sweep may be paying the same withdrawal out: the row lock lets one of them record the outcome.
        await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM withdrawals WHERE id = {withdrawalId} FOR UPDATE").ToListAsync(cancellationToken);
        await db.Entry(withdrawal).ReloadAsync(cancellationToken);
        if (withdrawal.Status != WithdrawalStatus.Requested) return withdrawal;
        var clearing = await ledger.AccountAsync(AccountKind.PayoutClearing, null, cancellationToken);
        var destination = result.Paid
            ? await ledger.AccountAsync(AccountKind.PaidOut, null, cancellationToken)
            : await ledger.AccountAsync(AccountKind.WorkerWallet, withdrawal.WorkerId, cancellationToken);
        var description = result.Paid ? "출금 완료" : "출금 실패: 지갑으로 반환";
        await ledger.PostAsync(new JournalEntry($"withdrawal:{withdrawal.Id}:settle", description, [(clearing, -withdrawal.AmountKrw), (destination, withdrawal.AmountKrw)]), cancellationToken);
        withdrawal.Status = result.Paid ? WithdrawalStatus.Completed : WithdrawalStatus.Failed;
        withdrawal.FailureReason = result.FailureReason;
        withdrawal.FinishedAt = time.GetUtcNow();
        if (result.Paid) outbox.Add(new WithdrawalCompleted(withdrawal.Id, withdrawal.WorkerId, withdrawal.AmountKrw));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return withdrawal;
    }
}
