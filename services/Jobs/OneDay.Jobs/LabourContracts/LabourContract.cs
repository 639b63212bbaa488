using OneDay.Documents;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.LabourContracts;

/// <summary>
/// One version of the labour contract (근로계약서) of a match: the exact text both parties read, its SHA-256, and
/// each party's signature on that hash. The text never changes once drawn; a change to the job's terms supersedes
/// the version (kept, marked <see cref="SupersededAt"/>) with a new one both must sign again.
/// </summary>
public sealed class LabourContract
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid WorkerId { get; init; }
    public int Version { get; init; }
    public required string Text { get; init; }
    public required string DocumentSha256 { get; init; }
    /// <summary>The hash of the terms taken from the job alone: a job edit that leaves them as they were draws no new version.</summary>
    public required string TermsSha256 { get; init; }
    public DateTimeOffset DrawnAt { get; init; }
    public DateTimeOffset? SupersededAt { get; private set; }
    public List<ContractSignature> Signatures { get; init; } = [];

    public bool IsSignedByBoth => Signatures.Any(s => s.Party == ApplicationParty.Employer) && Signatures.Any(s => s.Party == ApplicationParty.Worker);

    public PaperDocument Document => PaperDocument.FromText(Text);

    /// <summary>Which side <paramref name="accountId"/> is on, or null for anyone else.</summary>
    public ApplicationParty? PartyOf(Guid accountId) =>
        accountId == EmployerId ? ApplicationParty.Employer : accountId == WorkerId ? ApplicationParty.Worker : null;

    /// <summary>
    /// Records <paramref name="party"/>'s consent to the text whose hash they were shown; refuses a superseded version,
    /// a hash that is not this text's (the document changed under them), and a second signature by the same side.
    /// </summary>
    public string? Sign(ApplicationParty party, Guid accountId, string shownSha256, DateTimeOffset now)
    {
        if (SupersededAt is not null) return "근로조건이 바뀌어 새 계약서가 작성되었습니다. 새 계약서를 확인하고 서명하세요.";
        if (!string.Equals(shownSha256, DocumentSha256, StringComparison.OrdinalIgnoreCase)) return "서명하려는 계약서가 현재 계약서와 다릅니다. 계약서를 다시 읽고 서명하세요.";
        if (Signatures.Any(s => s.Party == party)) return "이미 서명한 계약서입니다.";
        Signatures.Add(new ContractSignature
        {
            ContractId = Id,
            Party = party,
            AccountId = accountId,
            DocumentSha256 = DocumentSha256,
            Consent = ContractSignature.ConsentStatement,
            SignedAt = now,
        });
        return null;
    }

    public void Supersede(DateTimeOffset now) => SupersededAt = now;
}
