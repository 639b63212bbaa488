using OneDay.Contracts.Jobs;
using OneDay.Persistence.Inbox;
using OneDay.Search.Data;
using OneDay.Search.Indexing;

namespace OneDay.Search.IntegrationEvents;

/// <summary>Every event search consumes, each through the inbox (exactly once per event id): jobs' events keep the index in step.</summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<JobCreated, SearchDbContext>(context => JobIndexing.IndexAsync(context.Db, context.Event.Job, context.CancellationToken));
        app.MapIntegrationEventHandler<JobUpdated, SearchDbContext>(context => JobIndexing.IndexAsync(context.Db, context.Event.Job, context.CancellationToken));
        app.MapIntegrationEventHandler<JobDeleted, SearchDbContext>(context => JobIndexing.RemoveAsync(context.Db, context.Event, context.CancellationToken));
    }
}
