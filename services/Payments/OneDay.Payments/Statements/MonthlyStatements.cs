using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Payments.Payroll;
using OneDay.Payments.Data;
using OneDay.Payments.ResidentNumbers;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Statements;

/// <summary>
/// An employer's two monthly filings for day workers, drawn from the settled payments (the amounts their ledger
/// journals posted), never kept apart: the 일용근로소득 지급명세서 of the wages paid in the month, and the
/// 근로내용확인신고 of the days worked in it (docs/employer-filings.md).
/// </summary>
public sealed class MonthlyStatements(PaymentsDbContext db, ResidentNumberCipher cipher)
{
    public async Task<EmployerMonth> ForAsync(Guid employerId, FilingMonth month, CancellationToken cancellationToken)
    {
        var (start, end) = (month.StartsAt, month.EndsAt);
        // A refunded payment was taken back from the worker, so only payments that stand settled count.
        var paid = await (
                from payment in db.Payments.AsNoTracking()
                join settlement in db.Settlements.AsNoTracking() on payment.Id equals settlement.PaymentId
                join owed in db.OwedWages.AsNoTracking() on payment.ApplicationId equals owed.ApplicationId
                where payment.EmployerId == employerId && payment.Status == PaymentStatus.Completed
                      && ((settlement.CreatedAt >= start && settlement.CreatedAt < end)
                          || (owed.Kind == PayableKind.Work && owed.CompletedAt >= start && owed.CompletedAt < end))
                select new PaidWork(payment.WorkerId, settlement.CreatedAt, owed.Kind, owed.CompletedAt, owed.MinutesWorked,
                    payment.GrossWageKrw, payment.IncomeTaxKrw, payment.LocalIncomeTaxKrw))
            .ToListAsync(cancellationToken);

        var workerIds = paid.Select(p => p.WorkerId).Distinct().ToList();
        var identities = (await db.WorkerTaxIdentities.AsNoTracking().Where(i => workerIds.Contains(i.WorkerId)).ToListAsync(cancellationToken))
            .ToDictionary(i => i.WorkerId, i => new FiledWorker(i.WorkerId, i.LegalName, cipher.Open(i.WorkerId, i.SealedResidentNumber)));
        FiledWorker Worker(Guid id) => identities.GetValueOrDefault(id) ?? new FiledWorker(id, null, null);

        var withholding = paid.Where(p => month.Contains(p.PaidAt))
            .GroupBy(p => (p.WorkerId, WorkMonth: FilingMonth.Of(p.CompletedAt)))
            .Select(g => new WithholdingRow(Worker(g.Key.WorkerId), g.Key.WorkMonth, DaysOf(g),
                g.Sum(p => p.GrossWageKrw), NonTaxablePayKrw: 0, g.Sum(p => p.IncomeTaxKrw), g.Sum(p => p.LocalIncomeTaxKrw)))
            .OrderBy(r => r.Worker.LegalName ?? "\uffff", StringComparer.Ordinal).ThenBy(r => r.Worker.WorkerId).ThenBy(r => r.WorkMonth.ToString(), StringComparer.Ordinal)
            .ToList();
        var insurance = paid.Where(p => p.Kind == PayableKind.Work && month.Contains(p.CompletedAt))
            .GroupBy(p => p.WorkerId)
            .Select(g => new EmploymentInsuranceRow(Worker(g.Key),
                g.Select(p => KoreanTime.DateOf(p.CompletedAt).Day).Distinct().Order().ToList(),
                g.Sum(p => p.MinutesWorked), g.Sum(p => p.GrossWageKrw)))
            .OrderBy(r => r.Worker.LegalName ?? "\uffff", StringComparer.Ordinal).ThenBy(r => r.Worker.WorkerId)
            .ToList();
        return new EmployerMonth(employerId, month, withholding, insurance);
    }

    // Days of work, not payments: two jobs on one day are one day worked; a late cancellation's pay is no day.
    private static int DaysOf(IEnumerable<PaidWork> paid) =>
        paid.Where(p => p.Kind == PayableKind.Work).Select(p => KoreanTime.DateOf(p.CompletedAt)).Distinct().Count();

    private sealed record PaidWork(
        Guid WorkerId, DateTimeOffset PaidAt, PayableKind Kind, DateTimeOffset CompletedAt, int MinutesWorked, long GrossWageKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw);
}

/// <summary>A worker as filed: the name and number they gave, or nulls where they have not given them.</summary>
public sealed record FiledWorker(Guid WorkerId, string? LegalName, ResidentNumber? ResidentNumber)
{
    public bool MissesResidentNumber => ResidentNumber is null;
}

/// <summary>One line of the 일용근로소득 지급명세서: a worker's wages paid in the month for work in <see cref="WorkMonth"/>.</summary>
public sealed record WithholdingRow(
    FiledWorker Worker, FilingMonth WorkMonth, int DaysWorked, long GrossPayKrw, long NonTaxablePayKrw, long IncomeTaxKrw, long LocalIncomeTaxKrw)
{
    public long TaxablePayKrw => GrossPayKrw - NonTaxablePayKrw;
}

/// <summary>One line of the 근로내용확인신고: the days of the month a worker worked, and the pay for them.</summary>
public sealed record EmploymentInsuranceRow(FiledWorker Worker, IReadOnlyList<int> DaysWorked, int MinutesWorked, long TotalPayKrw)
{
    public int TotalDays => DaysWorked.Count;

    /// <summary>Hours a day on average, rounded to the nearest hour (at least 1): the report asks for whole hours.</summary>
    public int AverageDailyHours => TotalDays == 0 ? 0 : Math.Max(1, (int)Math.Round(MinutesWorked / 60.0 / TotalDays, MidpointRounding.AwayFromZero));
}

/// <summary>What one employer files for one month.</summary>
public sealed record EmployerMonth(Guid EmployerId, FilingMonth Month, IReadOnlyList<WithholdingRow> Withholding, IReadOnlyList<EmploymentInsuranceRow> EmploymentInsurance)
{
    public IReadOnlyList<FiledWorker> WorkersMissingResidentNumber =>
        Withholding.Select(r => r.Worker).Concat(EmploymentInsurance.Select(r => r.Worker)).Where(w => w.MissesResidentNumber).DistinctBy(w => w.WorkerId).ToList();
}
