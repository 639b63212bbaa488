namespace OneDay.Payments.Statements;

/// <summary>A month's filings as the employer reads them: resident numbers masked, totals, deadlines, and who is missing a number.</summary>
public sealed record MonthlyStatementsView(
    string Month, DateOnly WithholdingStatementDue, DateOnly EmploymentInsuranceReportDue,
    IReadOnlyList<WithholdingRowView> Withholding, WithholdingTotals WithholdingTotals,
    IReadOnlyList<EmploymentInsuranceRowView> EmploymentInsurance, IReadOnlyList<MissingResidentNumber> WorkersMissingResidentNumber)
{
    public static MonthlyStatementsView Of(EmployerMonth month) => new(
        month.Month.ToString(), month.Month.WithholdingStatementDue, month.Month.EmploymentInsuranceReportDue,
        [.. month.Withholding.Select(r => new WithholdingRowView(r.Worker.WorkerId, r.Worker.LegalName, r.Worker.ResidentNumber?.Masked, r.WorkMonth.ToString(),
            r.DaysWorked, r.GrossPayKrw, r.NonTaxablePayKrw, r.IncomeTaxKrw, r.LocalIncomeTaxKrw))],
        new WithholdingTotals(month.Withholding.Sum(r => r.GrossPayKrw), month.Withholding.Sum(r => r.NonTaxablePayKrw),
            month.Withholding.Sum(r => r.IncomeTaxKrw), month.Withholding.Sum(r => r.LocalIncomeTaxKrw)),
        [.. month.EmploymentInsurance.Select(r => new EmploymentInsuranceRowView(r.Worker.WorkerId, r.Worker.LegalName, r.Worker.ResidentNumber?.Masked,
            r.DaysWorked, r.TotalDays, r.AverageDailyHours, r.TotalPayKrw))],
        [.. month.WorkersMissingResidentNumber.Select(w => new MissingResidentNumber(w.WorkerId, w.LegalName))]);
}

public sealed record WithholdingRowView(
    Guid WorkerId, string? LegalName, string? ResidentNumber, string WorkMonth, int DaysWorked, long GrossPayKrw, long NonTaxablePayKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw);

public sealed record WithholdingTotals(long GrossPayKrw, long NonTaxablePayKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw);

public sealed record EmploymentInsuranceRowView(
    Guid WorkerId, string? LegalName, string? ResidentNumber, IReadOnlyList<int> DaysWorked, int TotalDays, int AverageDailyHours, long TotalPayKrw);

/// <summary>A worker paid or at work this month who has not given the number the filings need: the employer asks them to.</summary>
public sealed record MissingResidentNumber(Guid WorkerId, string? LegalName);
