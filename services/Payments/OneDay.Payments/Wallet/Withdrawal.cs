namespace OneDay.Payments.Wallet;

public enum WithdrawalStatus
{
    /// <summary>The money is held in payout clearing while the payout provider pays it.</summary>
    Requested,
    Completed,

    /// <summary>The payout failed; the money went back to the wallet.</summary>
    Failed,
}

public sealed class Withdrawal
{
    public Guid Id { get; init; }
    public Guid WorkerId { get; init; }
    public long AmountKrw { get; init; }

    /// <summary>Where the transfer goes, as registered when the worker asked: the instruction the payout carries out.</summary>
    public string? BankName { get; init; }
    public string? AccountNumber { get; init; }
    public string? AccountHolder { get; init; }
    public WithdrawalStatus Status { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
}
