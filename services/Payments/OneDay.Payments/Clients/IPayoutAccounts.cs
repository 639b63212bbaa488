using OneDay.Contracts.Users;

namespace OneDay.Payments.Clients;

/// <summary>Users' record of where a worker is paid out.</summary>
public interface IPayoutAccounts
{
    /// <summary>The worker's registered account, or null when they have not registered one.</summary>
    Task<PayoutAccount?> FindAsync(Guid workerId, CancellationToken cancellationToken);
}
