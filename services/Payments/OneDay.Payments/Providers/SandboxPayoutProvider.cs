using System.Collections.Concurrent;

namespace OneDay.Payments.Providers;

/// <summary>
/// The shipped sandbox payout: every transfer succeeds unless the worker's account is scripted to refuse.
/// Idempotent per withdrawal, as firm-banking transfers are per transfer id: asking again answers the first outcome.
/// </summary>
public sealed class SandboxPayoutProvider : IPayoutProvider
{
    private readonly ConcurrentDictionary<Guid, string> _refusingAccounts = new();
    private readonly ConcurrentDictionary<Guid, long> _paid = new();
    private readonly Dictionary<Guid, PayoutResult> _transfers = [];

    public void RefuseTransfersTo(Guid workerId, string reason) => _refusingAccounts[workerId] = reason;

    public long PaidTo(Guid workerId) => _paid.GetValueOrDefault(workerId);

    public Task<PayoutResult> PayOutAsync(Guid withdrawalId, PayoutDestination destination, long amountKrw, CancellationToken cancellationToken)
    {
        var workerId = destination.WorkerId;
        lock (_transfers)
        {
            if (_transfers.TryGetValue(withdrawalId, out var first)) return Task.FromResult(first);
            var result = destination.AccountNumber is null ? new PayoutResult(false, "출금 계좌가 없습니다.")
                : _refusingAccounts.TryGetValue(workerId, out var reason) ? new PayoutResult(false, reason)
                : new PayoutResult(true, null);
            if (result.Paid) _paid.AddOrUpdate(workerId, amountKrw, (_, total) => total + amountKrw);
            _transfers[withdrawalId] = result;
            return Task.FromResult(result);
        }
    }
}
