using System.ComponentModel.DataAnnotations;
using OneDay.Payments.Idempotency;

namespace OneDay.Payments.Wallet;

public sealed record Withdraw([Range(1, 100_000_000)] long AmountKrw) : IIdempotentRequest;

public sealed record WithdrawalView(Guid Id, long AmountKrw, string Status, string? PayoutAccount, string? FailureReason, DateTimeOffset RequestedAt)
{
    public static WithdrawalView Of(Withdrawal w) => new(w.Id, w.AmountKrw, w.Status.ToString(),
        w.AccountNumber is null ? null : Masked(w.BankName!, w.AccountNumber), w.FailureReason, w.RequestedAt);

    /// <summary>What the worker is shown back of the account: the bank and the last four digits.</summary>
    private static string Masked(string bankName, string accountNumber) =>
        $"{bankName} {(accountNumber.Length <= 4 ? accountNumber : new string('*', accountNumber.Length - 4) + accountNumber[^4..])}";
}

public sealed record WalletPosting(long AmountKrw, string Description, DateTimeOffset At);

/// <summary>Available: what may be withdrawn now. Pending: withdrawals held while they are paid out.</summary>
public sealed record WalletView(long AvailableKrw, long PendingKrw, IReadOnlyList<WalletPosting> RecentPostings);
