namespace OneDay.Payments.Ledger;

/// <summary>A journal about to be posted: its postings must sum to zero and none may be zero.</summary>
public sealed record JournalEntry(string Reference, string Description, IReadOnlyList<(LedgerAccount Account, long AmountKrw)> Postings)
{
    public void EnsureBalanced()
    {
        if (Postings.Count < 2) throw new ArgumentException($"journal {Reference} needs at least two postings");
        if (Postings.Any(p => p.AmountKrw == 0)) throw new ArgumentException($"journal {Reference} has a zero posting");
        if (Postings.Sum(p => p.AmountKrw) != 0) throw new ArgumentException($"journal {Reference} does not sum to zero");
    }

    /// <summary>The entry that undoes this one: every posting negated.</summary>
    public JournalEntry Reversed(string reference, string description) =>
        new(reference, description, Postings.Select(p => (p.Account, -p.AmountKrw)).ToList());
}
