using OneDay.Contracts.Payments;
using OneDay.Contracts.Users;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Jobs.IntegrationEvents;

/// <summary>
/// Every event jobs consumes, in one place. Each runs once per event id (the inbox); a payment event
/// that no longer applies (the application moved on) is recorded as handled and changes nothing.
/// </summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<PaymentCompleted, JobsDbContext>(context =>
            Lifecycle(context.Services).MarkPaidAsync(context.Event.ApplicationId, context.CancellationToken));
        app.MapIntegrationEventHandler<PaymentRefunded, JobsDbContext>(context =>
            Lifecycle(context.Services).MarkUnpaidAsync(context.Event.ApplicationId, context.CancellationToken));
        app.MapIntegrationEventHandler<UserDeleted, JobsDbContext>(context =>
            context.Services.GetRequiredService<DepartedUsers>().LetGoAsync(context.Event.UserId, context.CancellationToken));
    }

    private static ApplicationLifecycle Lifecycle(IServiceProvider services) => services.GetRequiredService<ApplicationLifecycle>();
}
