using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Data;
using OneDay.Chat.Participants;
using OneDay.Chat.Rooms;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Users;
using OneDay.Persistence.Inbox;

namespace OneDay.Chat.IntegrationEvents;

/// <summary>Every event chat consumes, each handled once per EventId through the inbox.</summary>
public static class Subscriptions
{
    public static WebApplication MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<JobMatched, ChatDbContext>(OpenRoomsAsync);
        app.MapIntegrationEventHandler<UserCreated, ChatDbContext>(context =>
            NameAsync(context.Db, context.Event.UserId, p => p.Rename(context.Event.DisplayName), context.CancellationToken));
        app.MapIntegrationEventHandler<UserUpdated, ChatDbContext>(context =>
            NameAsync(context.Db, context.Event.UserId, p => p.Rename(context.Event.DisplayName), context.CancellationToken));
        app.MapIntegrationEventHandler<UserDeleted, ChatDbContext>(context =>
            NameAsync(context.Db, context.Event.UserId, p => p.Anonymise(), context.CancellationToken));
        return app;
    }

    /// <summary>
    /// The match's direct room, and the worker's place in the job's group room. A second job-matched for the
    /// same match (a new event id) finds both and changes nothing; two matches of one job racing to create the
    /// group room meet the unique index, and the loser's redelivery joins the winner's room.
    /// </summary>
    private static async Task OpenRoomsAsync(IntegrationEventContext<JobMatched, ChatDbContext> context)
    {
        var (match, db, cancellationToken) = (context.Event, context.Db, context.CancellationToken);
        var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!await db.Rooms.AnyAsync(r => r.ApplicationId == match.ApplicationId, cancellationToken))
        {
            db.Rooms.Add(Room.DirectFor(match, now));
        }
        var group = await db.Rooms.Include(r => r.Members)
            .SingleOrDefaultAsync(r => r.JobId == match.JobId && r.Kind == RoomKind.Group, cancellationToken);
        if (group is null)
        {
            group = Room.GroupFor(match, now);
            db.Rooms.Add(group);
        }
        group.Join(match.WorkerId, MemberRole.Worker, now);
    }

    private static async Task NameAsync(ChatDbContext db, Guid userId, Action<Participant> change, CancellationToken cancellationToken)
    {
        var participant = await db.Participants.FindAsync([userId], cancellationToken);
        if (participant is null)
        {
            participant = new Participant { UserId = userId };
            db.Participants.Add(participant);
        }
        change(participant);
    }
}
