using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Chat.Data;
using OneDay.Chat.Messages;
using OneDay.Chat.Participants;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat.Rooms;

public static class RoomsApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static WebApplication MapRooms(this WebApplication app)
    {
        app.MapGroup("/chat/rooms").WithTags("Rooms").RequireAuthorization(ChatCaller.Policy)
            .MapGet("/", ListAsync).WithName("ListRooms")
            .WithSummary("The caller's rooms, most recently active first, each with its last message and the caller's unread count.");
        return app;
    }

    private static async Task<Results<Ok<RoomPage>, ValidationProblem>> ListAsync(
        string? cursor, int? limit, HttpContext http, ChatDbContext db, IOptions<ChatOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!RoomCursor.TryDecode(cursor, out var after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["커서가 올바르지 않습니다."] });
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit은 1에서 {MaxPageSize} 사이여야 합니다."] });
        }
        var me = http.User.UserId()!.Value;
        var take = limit ?? DefaultPageSize;
        var mine = from member in db.Members.AsNoTracking()
                   where member.UserId == me
                   join room in db.Rooms.AsNoTracking() on member.RoomId equals room.Id
                   select new { Room = room, member.LastReadMessageId };
        if (after is { } c)
        {
            mine = mine.Where(x => x.Room.LastActivityAt < c.LastActivityAt || (x.Room.LastActivityAt == c.LastActivityAt && x.Room.Id.CompareTo(c.Id) < 0));
        }
        var rows = await mine
            .OrderByDescending(x => x.Room.LastActivityAt).ThenByDescending(x => x.Room.Id)
            .Take(take + 1)
            .Select(x => new
            {
                x.Room,
                Members = db.Members.Where(m => m.RoomId == x.Room.Id).OrderBy(m => m.JoinedAt).ToList(),
                LastMessage = db.Messages.Where(m => m.RoomId == x.Room.Id).OrderByDescending(m => m.Id).FirstOrDefault(),
                UnreadCount = db.Messages.Count(m => m.RoomId == x.Room.Id && m.SenderId != me
                    && (x.LastReadMessageId == null || m.Id.CompareTo(x.LastReadMessageId.Value) > 0)),
            })
            .ToListAsync(cancellationToken);

        var page = rows.Take(take).ToList();
        var names = await DisplayNames.LoadAsync(db, page.SelectMany(r => r.Members.Select(m => m.UserId)), cancellationToken);
        var now = time.GetUtcNow();
        var openAfterWork = options.Value.OpenAfterWork;
        return TypedResults.Ok(new RoomPage(
            [.. page.Select(r => new RoomView(
                r.Room.Id, r.Room.Kind, r.Room.JobId, r.Room.ApplicationId, r.Room.Title, r.Room.WorkStartsAt, r.Room.WorkEndsAt,
                r.Room.ClosesAt(openAfterWork), r.Room.IsClosedAt(now, openAfterWork),
                [.. r.Members.Select(m => new RoomMemberView(m.UserId, names.Of(m.UserId), m.Role))],
                r.LastMessage is null ? null : MessageSender.View(r.LastMessage, names),
                r.UnreadCount))],
            rows.Count > take ? new RoomCursor(page[^1].Room.LastActivityAt, page[^1].Room.Id).Encode() : null));
    }
}
