namespace OneDay.Web.LabourContracts;

// The labour-contract API's shapes as this client reads them (enums arrive as their names).

/// <summary>The match's contract in force: its exact text, the hash a signature names, who signed it, and which side the reader is.</summary>
public sealed record LabourContract(
    Guid Id, Guid ApplicationId, int Version, string Title, string Text, string DocumentSha256, DateTimeOffset DrawnAt,
    bool SignedByBoth, IReadOnlyList<ContractSignature> Signatures, string You, string Consent)
{
    public bool SignedBy(string party) => Signatures.Any(s => s.Party == party);
}

public sealed record ContractSignature(string Party, Guid AccountId, DateTimeOffset SignedAt, string DocumentSha256);
