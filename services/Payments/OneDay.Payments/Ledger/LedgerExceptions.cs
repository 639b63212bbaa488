namespace OneDay.Payments.Ledger;

/// <summary>A wallet would go below zero: the movement is refused and nothing is written.</summary>
public sealed class InsufficientFundsException(Guid accountId, long balanceKrw, long requestedKrw)
    : InvalidOperationException($"account {accountId} holds {balanceKrw} KRW, {requestedKrw} KRW requested")
{
    public Guid AccountId { get; } = accountId;
}
