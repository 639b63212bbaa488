namespace OneDay.Payments.Providers;

public sealed record PayoutResult(bool Paid, string? FailureReason);

/// <summary>Pays a withdrawal out to the worker's bank account (a firm-banking transfer).</summary>
public interface IPayoutProvider
{
    Task<PayoutResult> PayOutAsync(Guid withdrawalId, Guid workerId, long amountKrw, CancellationToken cancellationToken);
}
