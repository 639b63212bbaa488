using OneDay.Contracts.Users;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Jobs.IntegrationEvents;

/// <summary>
/// Every event jobs consumes, in one place, each once per event id (the inbox). Payments' outcomes are not
/// among them: payments' workflow must know that jobs recorded them, so it calls jobs instead.
/// </summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<UserCreated, JobsDbContext>(context =>
            context.Services.GetRequiredService<AccountNames>().NameAsync(context.Event.UserId, context.Event.DisplayName, context.CancellationToken));
        app.MapIntegrationEventHandler<UserUpdated, JobsDbContext>(context =>
            context.Services.GetRequiredService<AccountNames>().NameAsync(context.Event.UserId, context.Event.DisplayName, context.CancellationToken));
        app.MapIntegrationEventHandler<UserDeleted, JobsDbContext>(context =>
            context.Services.GetRequiredService<DepartedUsers>().CloseAccountAsync(context.Event.UserId, context.CancellationToken));
    }
}
