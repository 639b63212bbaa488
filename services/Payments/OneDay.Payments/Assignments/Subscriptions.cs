using Microsoft.EntityFrameworkCore;
using OneDay.Contracts.Jobs;
using OneDay.Payments.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Payments.Assignments;

/// <summary>Every event payments consumes, each through the inbox (exactly once per event id).</summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this WebApplication app) =>
        app.MapIntegrationEventHandler<JobCompleted, PaymentsDbContext>(async context =>
        {
            var completed = context.Event;
            if (await context.Db.PayableAssignments.AnyAsync(a => a.ApplicationId == completed.ApplicationId, context.CancellationToken)) return;
            var payroll = await PayrollSettingsApi.ForAsync(context.Db, completed.EmployerId, context.CancellationToken);
            context.Db.PayableAssignments.Add(new PayableAssignment
            {
                ApplicationId = completed.ApplicationId, JobId = completed.JobId, EmployerId = completed.EmployerId,
                WorkerId = completed.WorkerId, WageKrw = completed.WageKrw, WageUnit = completed.WageUnit,
                MinutesWorked = completed.MinutesWorked, CompletedAt = completed.CompletedAt,
                OwesOvertimePremium = payroll.PremiumOwedFor(completed.CompletedAt),
            });
        });
}
