namespace OneDay.Payments.Ledger;

/// <summary>The total held in one kind of account.</summary>
public sealed record AccountKindTotal(string Kind, int Accounts, long BalanceKrw);

/// <summary>
/// The ledger's invariants as they stand: every posting sums to zero, every journal balances and has
/// postings, no wallet is below zero. <see cref="Balanced"/> is all of them at once.
/// </summary>
public sealed record LedgerCheck(long TotalKrw, int UnbalancedJournals, int EmptyJournals, int NegativeWallets, IReadOnlyList<AccountKindTotal> ByKind)
{
    public bool Balanced => TotalKrw == 0 && UnbalancedJournals == 0 && EmptyJournals == 0 && NegativeWallets == 0;
}
