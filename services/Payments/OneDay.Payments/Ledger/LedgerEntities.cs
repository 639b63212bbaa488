namespace OneDay.Payments.Ledger;

public sealed class LedgerAccount
{
    public Guid Id { get; init; }
    public AccountKind Kind { get; init; }

    /// <summary>The employer or worker the account belongs to; null for the platform's own accounts.</summary>
    public Guid? OwnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One balanced movement of money; never changed once written (a mistake is undone by a reversing journal).</summary>
public sealed class Journal
{
    public Guid Id { get; init; }

    /// <summary>What the journal records, unique: posting it again is recognised and does nothing.</summary>
    public required string Reference { get; init; }

    public required string Description { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<Posting> Postings { get; init; } = [];
}

public sealed class Posting
{
    public long Id { get; private set; }
    public Guid JournalId { get; init; }
    public Guid AccountId { get; init; }

    /// <summary>Positive adds to the account's balance, negative takes from it; a journal's postings sum to zero.</summary>
    public long AmountKrw { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
