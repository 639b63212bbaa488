using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Contracts.Payments;
using OneDay.Payments.Payroll;
using OneDay.Payments.Data;
using OneDay.Payments.WagePayments;
using OneDay.Persistence.Outbox;

namespace OneDay.Payments.Statements;

/// <summary>
/// Reminds employers of the filings for last month that fall due within <see cref="FilingReminderOptions.DaysBefore"/>
/// days: the 근로내용확인신고 by the 15th, the 지급명세서 by the month's last day (docs/employer-filings.md §1). Only an
/// employer with workers to file hears of it, once per filing and month: the reminder row and its
/// filing-deadline-approaching event commit together, and notifications words it.
/// </summary>
public sealed class FilingReminders(
    PaymentsDbContext db, MonthlyStatements statements, IntegrationEventOutbox<PaymentsDbContext> outbox, IOptions<FilingReminderOptions> options, TimeProvider time)
{
    /// <summary>Sends the reminders due on <paramref name="today"/> (a Korean date); returns how many went.</summary>
    public async Task<int> RemindAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var month = new FilingMonth(today.Year, today.Month).Previous;
        List<(string Filing, DateOnly DueOn)> due =
        [
            .. new[] { (FilingDeadlineApproaching.EmploymentInsurance, month.EmploymentInsuranceReportDue), (FilingDeadlineApproaching.DailyWageWithholding, month.WithholdingStatementDue) }
                .Where(f => today >= f.Item2.AddDays(-options.Value.DaysBefore) && today <= f.Item2),
        ];
        if (due.Count == 0) return 0;

        var (start, end) = (month.StartsAt, month.EndsAt);
        var employers = await (
                from payment in db.Payments
                join settlement in db.Settlements on payment.Id equals settlement.PaymentId
                join owed in db.OwedWages on payment.ApplicationId equals owed.ApplicationId
                where payment.Status == PaymentStatus.Completed
                      && ((settlement.CreatedAt >= start && settlement.CreatedAt < end)
                          || (owed.Kind == PayableKind.Work && owed.CompletedAt >= start && owed.CompletedAt < end))
                select payment.EmployerId)
            .Distinct().ToListAsync(cancellationToken);
        var monthText = month.ToString();
        var reminded = (await db.FilingReminders.AsNoTracking().Where(r => r.Month == monthText).Select(r => new { r.EmployerId, r.Filing }).ToListAsync(cancellationToken))
            .Select(r => (r.EmployerId, r.Filing)).ToHashSet();

        var sent = 0;
        foreach (var employerId in employers)
        {
            var filed = await statements.ForAsync(employerId, month, cancellationToken);
            foreach (var (filing, dueOn) in due.Where(f => !reminded.Contains((employerId, f.Filing))))
            {
                var workers = (filing == FilingDeadlineApproaching.DailyWageWithholding
                        ? filed.Withholding.Select(r => r.Worker)
                        : filed.EmploymentInsurance.Select(r => r.Worker))
                    .DistinctBy(w => w.WorkerId).ToList();
                if (workers.Count == 0) continue;
                db.FilingReminders.Add(new FilingReminder { EmployerId = employerId, Filing = filing, Month = monthText, RemindedAt = time.GetUtcNow() });
                outbox.Add(new FilingDeadlineApproaching(employerId, filing, monthText, dueOn, workers.Count, workers.Count(w => w.MissesResidentNumber)));
                sent++;
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica reminded this employer first: its reminder stands, this one is dropped with its event.
                db.ChangeTracker.Clear();
            }
        }
        return sent;
    }
}
