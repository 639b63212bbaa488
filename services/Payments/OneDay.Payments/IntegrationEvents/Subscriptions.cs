using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Users;
using OneDay.Payments.Payroll;
using OneDay.Payments.Data;
using OneDay.Payments.ResidentNumbers;
using OneDay.Persistence.Inbox;

namespace OneDay.Payments.IntegrationEvents;

/// <summary>Every event payments consumes, each through the inbox (exactly once per event id).</summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<JobCompleted, PaymentsDbContext>(async context =>
        {
            var completed = context.Event;
            if (await context.Db.OwedWages.AnyAsync(a => a.ApplicationId == completed.ApplicationId, context.CancellationToken)) return;
            var payroll = await context.Services.GetRequiredService<PayrollSettingsRegister>().ForAsync(completed.EmployerId, context.CancellationToken);
            context.Db.OwedWages.Add(new OwedWage
            {
                ApplicationId = completed.ApplicationId, JobId = completed.JobId, EmployerId = completed.EmployerId,
                WorkerId = completed.WorkerId, WageKrw = completed.WageKrw, WageUnit = completed.WageUnit,
                MinutesWorked = completed.MinutesWorked, CompletedAt = completed.CompletedAt,
                OwesOvertimePremium = payroll.PremiumOwedFor(completed.CompletedAt),
            });
        });

        // A matched worker the employer cancelled late is owed a share of the wage: payable like a day's wage.
        app.MapIntegrationEventHandler<ApplicationCancelled, PaymentsDbContext>(async context =>
        {
            var cancelled = context.Event;
            if (cancelled.CancellationPayKrw <= 0) return;
            if (await context.Db.OwedWages.AnyAsync(a => a.ApplicationId == cancelled.ApplicationId, context.CancellationToken)) return;
            context.Db.OwedWages.Add(new OwedWage
            {
                ApplicationId = cancelled.ApplicationId, JobId = cancelled.JobId, EmployerId = cancelled.EmployerId, WorkerId = cancelled.WorkerId,
                WageKrw = cancelled.CancellationPayKrw, WageUnit = OwedWage.Daily, CompletedAt = cancelled.OccurredAt,
                Kind = PayableKind.LateCancellation,
            });
        });

        // A deleted account's resident registration number goes with it; the ledger keeps its amounts (money is append-only).
        app.MapIntegrationEventHandler<UserDeleted, PaymentsDbContext>(context =>
            TaxIdentityErasure.ForgetAsync(context.Db, context.Event.UserId, context.CancellationToken));
    }
}
