using Microsoft.EntityFrameworkCore;
using OneDay.Payments.Data;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>Erasing what a worker gave for the filings, whether they remove it themselves or delete their account (user-deleted).</summary>
public static class TaxIdentityErasure
{
    public static Task ForgetAsync(PaymentsDbContext db, Guid workerId, CancellationToken cancellationToken) =>
        db.WorkerTaxIdentities.Where(i => i.WorkerId == workerId).ExecuteDeleteAsync(cancellationToken);
}
