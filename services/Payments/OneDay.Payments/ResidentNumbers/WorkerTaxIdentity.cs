namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// What a worker gave for their employers' withholding and insurance filings, and for nothing else: the name as
/// registered and the resident registration number, sealed (<see cref="ResidentNumberCipher"/>). Removed when the
/// worker removes it or deletes their account.
/// </summary>
public sealed class WorkerTaxIdentity
{
    public Guid WorkerId { get; init; }
    public required string LegalName { get; set; }
    public required byte[] SealedResidentNumber { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
