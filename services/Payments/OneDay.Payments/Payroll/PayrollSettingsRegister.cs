using Microsoft.EntityFrameworkCore;
using OneDay.Payments.Data;

namespace OneDay.Payments.Payroll;

/// <summary>Each employer's payroll settings: read when work completes (job-completed) and when the employer asks, saved by the employer.</summary>
public sealed class PayrollSettingsRegister(PaymentsDbContext db, TimeProvider time)
{
    /// <summary>The employer's settings (the defaults when none were saved).</summary>
    public async Task<PayrollSettings> ForAsync(Guid employerId, CancellationToken cancellationToken) =>
        await db.PayrollSettings.AsNoTracking().SingleOrDefaultAsync(s => s.EmployerId == employerId, cancellationToken)
        ?? new PayrollSettings { EmployerId = employerId };

    public async Task SaveAsync(Guid employerId, bool owesOvertimePremium, CancellationToken cancellationToken)
    {
        // One statement, so two saves at once cannot both insert.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO payroll_settings (employer_id, owes_overtime_premium, updated_at)
            VALUES ({employerId}, {owesOvertimePremium}, {time.GetUtcNow()})
            ON CONFLICT (employer_id) DO UPDATE SET owes_overtime_premium = excluded.owes_overtime_premium, updated_at = excluded.updated_at
            """, cancellationToken);
    }
}
