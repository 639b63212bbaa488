using OneDay.Jobs.Applications;

namespace OneDay.Jobs.LabourContracts;

/// <summary>A contract version as its parties read it: the exact text, the hash to sign, who signed it when.</summary>
public sealed record LabourContractView(
    Guid Id, Guid ApplicationId, int Version, string Title, string Text, string DocumentSha256, DateTimeOffset DrawnAt,
    bool SignedByBoth, IReadOnlyList<ContractSignatureView> Signatures, ApplicationParty You, string Consent)
{
    public static LabourContractView Of(LabourContract contract, ApplicationParty you) => new(
        contract.Id, contract.ApplicationId, contract.Version, contract.Document.Title, contract.Text, contract.DocumentSha256, contract.DrawnAt,
        contract.IsSignedByBoth, contract.Signatures.OrderBy(s => s.SignedAt).Select(ContractSignatureView.Of).ToList(), you, ContractSignature.ConsentStatement);
}

public sealed record ContractSignatureView(ApplicationParty Party, Guid AccountId, DateTimeOffset SignedAt, string DocumentSha256, string Consent)
{
    public static ContractSignatureView Of(ContractSignature signature) =>
        new(signature.Party, signature.AccountId, signature.SignedAt, signature.DocumentSha256, signature.Consent);
}

/// <summary>
/// A party's signature: the hash of the text they were shown (a version that changed since refuses it) and their
/// explicit consent to <see cref="ContractSignature.ConsentStatement"/>.
/// </summary>
public sealed record SignLabourContract(
    [property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(64, MinimumLength = 64)] string DocumentSha256,
    bool Consent);
