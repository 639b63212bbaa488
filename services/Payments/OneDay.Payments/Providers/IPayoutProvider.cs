namespace OneDay.Payments.Providers;

public sealed record PayoutResult(bool Paid, string? FailureReason);

/// <summary>
/// The account a transfer goes to. Withdrawals recorded before accounts were carried have none (null fields):
/// a provider refuses those, and the money goes back to the wallet.
/// </summary>
public sealed record PayoutDestination(Guid WorkerId, string? BankName, string? AccountNumber, string? AccountHolder);

/// <summary>Pays a withdrawal out to the worker's bank account (a firm-banking transfer).</summary>
public interface IPayoutProvider
{
    Task<PayoutResult> PayOutAsync(Guid withdrawalId, PayoutDestination destination, long amountKrw, CancellationToken cancellationToken);
}
