namespace OneDay.Web.Paperwork;

// The paperwork API's shapes as this client reads them (payments' pay slips, tax identity and monthly statements).

/// <summary>A settled payment's 임금명세서: the figures its ledger posted, and the exact text of the document.</summary>
public sealed record PaySlip(
    Guid PaymentId, Guid ApplicationId, DateTimeOffset PaidAt, string Kind, string WageUnit, long WageRateKrw, int MinutesWorked, int OvertimeMinutes,
    long PlainWageKrw, long OvertimePremiumKrw, long GrossWageKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw, long TotalDeductionsKrw, long NetPayKrw, string Text);

/// <summary>The worker's name and resident registration number for the filings, the number masked, and why it is asked.</summary>
public sealed record TaxIdentity(string LegalName, string ResidentNumber, DateTimeOffset UpdatedAt, string Purpose);

/// <summary>An employer's month: the 지급명세서 and 근로내용확인신고 figures, resident numbers masked.</summary>
public sealed record MonthlyStatements(
    string Month, DateOnly WithholdingStatementDue, DateOnly EmploymentInsuranceReportDue,
    IReadOnlyList<WithholdingRow> Withholding, WithholdingTotals WithholdingTotals,
    IReadOnlyList<EmploymentInsuranceRow> EmploymentInsurance, IReadOnlyList<MissingResidentNumber> WorkersMissingResidentNumber);

public sealed record WithholdingRow(
    Guid WorkerId, string? LegalName, string? ResidentNumber, string WorkMonth, int DaysWorked, long GrossPayKrw, long NonTaxablePayKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw);

public sealed record WithholdingTotals(long GrossPayKrw, long NonTaxablePayKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw);

public sealed record EmploymentInsuranceRow(
    Guid WorkerId, string? LegalName, string? ResidentNumber, IReadOnlyList<int> DaysWorked, int TotalDays, int AverageDailyHours, long TotalPayKrw);

public sealed record MissingResidentNumber(Guid WorkerId, string? LegalName);
