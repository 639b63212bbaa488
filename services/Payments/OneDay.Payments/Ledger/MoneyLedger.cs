using Microsoft.EntityFrameworkCore;
using OneDay.Payments.Data;

namespace OneDay.Payments.Ledger;

/// <summary>
/// Writes and reads the double-entry ledger. Posting happens inside the caller's transaction, so the
/// journal commits with the business change it records. A wallet's row is locked (FOR UPDATE, in id
/// order so two journals never deadlock) before its balance is summed, which serialises every movement
/// out of one wallet: two concurrent withdrawals cannot both spend the same won. The database checks
/// again at commit (a deferred trigger refuses an unbalanced journal).
/// </summary>
public sealed class MoneyLedger(PaymentsDbContext db, LedgerAccountCache accounts, TimeProvider time)
{
    /// <summary>Accounts this instance opened in its (possibly still uncommitted) transaction.</summary>
    private readonly HashSet<(AccountKind, Guid?)> _openedHere = [];

    public async Task<LedgerAccount> AccountAsync(AccountKind kind, Guid? ownerId, CancellationToken cancellationToken)
    {
        if (accounts.TryGet(kind, ownerId) is { } known) return known;
        if (await FindAsync(kind, ownerId, cancellationToken) is { } existing)
        {
            // Read committed shows this transaction only committed rows and its own writes: a row it did
            // not insert itself is committed for good. One it inserted may still roll back, so it is not
            // remembered (the next lookup finds it in the database once it is committed).
            if (!_openedHere.Contains((kind, ownerId))) accounts.Remember(existing);
            return existing;
        }
        _openedHere.Add((kind, ownerId));
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO ledger_accounts (id, kind, owner_id, created_at) VALUES ({Guid.CreateVersion7()}, {kind.ToString()}, {ownerId}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return await FindAsync(kind, ownerId, cancellationToken) ?? throw new InvalidOperationException($"ledger account {kind}/{ownerId} could not be opened");
    }

    /// <summary>Posts <paramref name="entry"/> unless a journal with its reference exists; true when it was posted now.</summary>
    public async Task<bool> PostAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        entry.EnsureBalanced();
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("a journal is posted inside the transaction of the change it records");
        if (await db.Journals.AnyAsync(j => j.Reference == entry.Reference, cancellationToken)) return false;

        var debitedWallets = entry.Postings
            .Where(p => p.Account.Kind == AccountKind.WorkerWallet)
            .GroupBy(p => p.Account.Id)
            .Select(g => (AccountId: g.Key, Change: g.Sum(p => p.AmountKrw)))
            .Where(w => w.Change < 0)
            .OrderBy(w => w.AccountId)
            .ToList();
        foreach (var wallet in debitedWallets)
        {
            await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM ledger_accounts WHERE id = {wallet.AccountId} FOR UPDATE").ToListAsync(cancellationToken);
            var balance = await BalanceAsync(wallet.AccountId, cancellationToken);
            if (balance + wallet.Change < 0) throw new InsufficientFundsException(wallet.AccountId, balance, -wallet.Change);
        }

        var now = time.GetUtcNow();
        var journal = new Journal { Id = Guid.CreateVersion7(now), Reference = entry.Reference, Description = entry.Description, CreatedAt = now };
        journal.Postings.AddRange(entry.Postings.Select(p => new Posting { JournalId = journal.Id, AccountId = p.Account.Id, AmountKrw = p.AmountKrw, CreatedAt = now }));
        db.Journals.Add(journal);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> IsPostedAsync(string reference, CancellationToken cancellationToken) =>
        await db.Journals.AnyAsync(j => j.Reference == reference, cancellationToken);

    /// <summary>The balance as the ledger defines it: the sum of the account's postings.</summary>
    public async Task<long> BalanceAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Postings.Where(p => p.AccountId == accountId).SumAsync(p => p.AmountKrw, cancellationToken);

    /// <summary>Checks the whole ledger against its invariants (what operators and the tests ask after money moved).</summary>
    public async Task<LedgerCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var total = await db.Postings.SumAsync(p => p.AmountKrw, cancellationToken);
        var unbalanced = await db.Postings.GroupBy(p => p.JournalId).CountAsync(g => g.Sum(p => p.AmountKrw) != 0, cancellationToken);
        var empty = await db.Journals.CountAsync(j => !db.Postings.Any(p => p.JournalId == j.Id), cancellationToken);
        var balances = await db.LedgerAccounts.AsNoTracking()
            .Select(a => new { a.Kind, Balance = db.Postings.Where(p => p.AccountId == a.Id).Sum(p => p.AmountKrw) })
            .ToListAsync(cancellationToken);
        var negativeWallets = balances.Count(b => b.Kind == AccountKind.WorkerWallet && b.Balance < 0);
        var byKind = balances.GroupBy(b => b.Kind).OrderBy(g => g.Key)
            .Select(g => new AccountKindTotal(g.Key.ToString(), g.Count(), g.Sum(b => b.Balance))).ToList();
        return new LedgerCheck(total, unbalanced, empty, negativeWallets, byKind);
    }

    private Task<LedgerAccount?> FindAsync(AccountKind kind, Guid? ownerId, CancellationToken cancellationToken) =>
        db.LedgerAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Kind == kind && a.OwnerId == ownerId, cancellationToken);
}
