using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Data;
using OneDay.Chat.Participants;
using OneDay.Chat.Realtime;
using OneDay.Chat.Rooms;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Users;
using OneDay.Persistence.Inbox;
using OneDay.Realtime;

namespace OneDay.Chat.IntegrationEvents;

/// <summary>Every event chat consumes, each handled once per EventId through the inbox.</summary>
public static class Subscriptions
{
    public static WebApplication MapSubscriptions(this WebApplication app)
    {
        app.MapIntegrationEventHandler<JobMatched, ChatDbContext>(OpenRoomsAsync);
        app.MapIntegrationEventHandler<ApplicationCancelled, ChatDbContext>(CloseRoomsAsync);
        app.MapIntegrationEventHandler<UserCreated, ChatDbContext>(context =>
            NameAsync(context.Db, context.Event.UserId, p => p.Rename(context.Event.DisplayName), context.CancellationToken));
        app.MapIntegrationEventHandler<UserUpdated, ChatDbContext>(context =>
            NameAsync(context.Db, context.Event.UserId, p => p.Rename(context.Event.DisplayName), context.CancellationToken));
        app.MapIntegrationEventHandler<UserDeleted, ChatDbContext>(async context =>
        {
            await NameAsync(context.Db, context.Event.UserId, p => p.Anonymise(), context.CancellationToken);
            context.CloseConnectionsOf(context.Event.UserId);
        });
        app.MapIntegrationEventHandler<UserSuspended, ChatDbContext>(context =>
        {
            context.CloseConnectionsOf(context.Event.UserId);
            return Task.CompletedTask;
        });
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
        if (await db.UndoneMatches.AnyAsync(u => u.ApplicationId == match.ApplicationId, cancellationToken)) return;
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

    /// <summary>
    /// A match undone (the worker cancelled, the job was cancelled, the worker left OneDay): both sides lose its
    /// direct room, and the worker the job's group room unless another match of theirs for the job stands. Their
    /// open connections leave those rooms on whichever replica holds them, once this has committed.
    /// </summary>
    private static async Task CloseRoomsAsync(IntegrationEventContext<ApplicationCancelled, ChatDbContext> context)
    {
        var (cancelled, db, cancellationToken) = (context.Event, context.Db, context.CancellationToken);
        if (await db.UndoneMatches.AnyAsync(u => u.ApplicationId == cancelled.ApplicationId, cancellationToken)) return;
        db.UndoneMatches.Add(new UndoneMatch
        {
            ApplicationId = cancelled.ApplicationId,
            JobId = cancelled.JobId,
            WorkerId = cancelled.WorkerId,
            UndoneAt = context.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
        var lost = await db.Members
            .Where(m => db.Rooms.Any(r => r.Id == m.RoomId && r.ApplicationId == cancelled.ApplicationId))
            .ToListAsync(cancellationToken);
        var stillMatched = await db.Rooms.AnyAsync(r => r.JobId == cancelled.JobId && r.Kind == RoomKind.Direct
            && r.ApplicationId != cancelled.ApplicationId && r.Members.Any(m => m.UserId == cancelled.WorkerId), cancellationToken);
        if (!stillMatched)
        {
            lost.AddRange(await db.Members
                .Where(m => m.UserId == cancelled.WorkerId && db.Rooms.Any(r => r.Id == m.RoomId && r.JobId == cancelled.JobId && r.Kind == RoomKind.Group))
                .ToListAsync(cancellationToken));
        }
        db.Members.RemoveRange(lost);
        var connections = context.Services.GetRequiredService<UserConnections>();
        context.AfterCommit(() => Task.WhenAll(lost.Select(m => connections.SignalAsync(m.UserId, RoomConnections.SignalName, m.RoomId.ToString()))));
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
