using System.Collections.Concurrent;

namespace OneDay.Payments.Ledger;

/// <summary>
/// Committed ledger accounts by kind and owner, for the life of the process. An account is never changed
/// or deleted once opened (balances are derived from postings), so a committed one can be remembered
/// without ever going stale; every payment would otherwise look up the same escrow, fee, tax, employer and
/// wallet accounts again — most of the saga's reads. One entry per employer and worker, a few dozen bytes each.
/// </summary>
public sealed class LedgerAccountCache
{
    private readonly ConcurrentDictionary<(AccountKind Kind, Guid? OwnerId), LedgerAccount> _accounts = new();

    public LedgerAccount? TryGet(AccountKind kind, Guid? ownerId) => _accounts.GetValueOrDefault((kind, ownerId));

    /// <summary>Only for an account known to be committed: a remembered account that rolled back would break every later posting.</summary>
    public void Remember(LedgerAccount account) => _accounts.TryAdd((account.Kind, account.OwnerId), account);
}
