using OneDay.Jobs.Applications;

namespace OneDay.Jobs.LabourContracts;

/// <summary>
/// One side's electronic signature (전자서명) on a contract version: who (the account the token named), when, the
/// statement they agreed to, and the SHA-256 of the exact text they agreed to, which must equal the version's.
/// </summary>
public sealed class ContractSignature
{
    public const string ConsentStatement = "위 근로계약서의 내용을 모두 읽고 이에 동의하여 전자적으로 서명합니다.";

    public Guid ContractId { get; init; }
    public ApplicationParty Party { get; init; }
    public Guid AccountId { get; init; }
    public required string DocumentSha256 { get; init; }
    public required string Consent { get; init; }
    public DateTimeOffset SignedAt { get; init; }
}
