using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Data;
using OneDay.Chat.Participants;
using OneDay.Chat.Realtime;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Chat.Messages;

public static class MessagesApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static WebApplication MapMessages(this WebApplication app)
    {
        var room = app.MapGroup("/chat/rooms/{roomId:guid}").WithTags("Messages").RequireAuthorization(ChatCaller.Policy);
        room.MapGet("/messages", ListAsync).WithName("ListMessages")
            .WithSummary("A page of the room's history, newest first; `before`/`after` a message id.");
        room.MapPost("/messages", SendAsync).WithName("SendMessage")
            .WithSummary("Sends a message (idempotent by clientMessageId); the room's connections receive message_sent.");
        room.MapPost("/read", MarkReadAsync).WithName("MarkRead")
            .WithSummary("Records that the caller has read the room up to a message; the room's connections receive read.");
        return app;
    }

    private static async Task<Results<Ok<MessagePage>, NotFound, ValidationProblem>> ListAsync(
        Guid roomId, Guid? before, Guid? after, int? limit, HttpContext http, ChatDbContext db, CancellationToken cancellationToken)
    {
        if (before is not null && after is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["before"] = ["before와 after는 함께 쓸 수 없습니다."] });
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit은 1에서 {MaxPageSize} 사이여야 합니다."] });
        }
        var me = http.User.UserId()!.Value;
        if (!await db.Members.AnyAsync(m => m.RoomId == roomId && m.UserId == me, cancellationToken)) return TypedResults.NotFound();

        var take = limit ?? DefaultPageSize;
        var history = db.Messages.AsNoTracking().Where(m => m.RoomId == roomId);
        var (messages, hasMore) = after is { } afterId
            ? await NewerAsync(history, afterId, take, cancellationToken)
            : await OlderAsync(before is { } beforeId ? history.Where(m => m.Id.CompareTo(beforeId) < 0) : history, take, cancellationToken);

        var names = await DisplayNames.LoadAsync(db, messages.Select(m => m.SenderId), cancellationToken);
        return TypedResults.Ok(new MessagePage([.. messages.Select(m => MessageSender.View(m, names))], hasMore));
    }

    /// <summary>The messages right after the cursor (read forward, so a client catching up skips none), newest first.</summary>
    private static async Task<(List<ChatMessage> Messages, bool HasMore)> NewerAsync(IQueryable<ChatMessage> history, Guid afterId, int take, CancellationToken cancellationToken)
    {
        var newer = await history.Where(m => m.Id.CompareTo(afterId) > 0).OrderBy(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
        return ([.. newer.Take(take).Reverse()], newer.Count > take);
    }

    private static async Task<(List<ChatMessage> Messages, bool HasMore)> OlderAsync(IQueryable<ChatMessage> history, int take, CancellationToken cancellationToken)
    {
        var older = await history.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
        return ([.. older.Take(take)], older.Count > take);
    }

    private static async Task<Results<Created<MessageView>, Ok<MessageView>, NotFound, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid roomId, SendMessageRequest request, HttpContext http, MessageSender sender, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(roomId, http.User.UserId()!.Value, request.ClientMessageId, request.Text, cancellationToken);
        switch (result.Status)
        {
            case SendStatus.Sent:
                return TypedResults.Created($"/chat/rooms/{roomId}/messages?after={result.Message!.Id}", result.Message);
            case SendStatus.AlreadySent:
                return TypedResults.Ok(result.Message!);
            case SendStatus.RoomNotFound:
                return TypedResults.NotFound();
            case SendStatus.Invalid:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [result.Error!] });
            case SendStatus.RoomClosed:
                return TypedResults.Problem(result.Error, statusCode: StatusCodes.Status409Conflict, title: "채팅방이 닫혔습니다.");
            default:
                return ApiProblems.TooManyRequests(http.Response, result.RetryAfter!.Value, "전송 한도를 넘었습니다.", result.Error);
        }
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> MarkReadAsync(
        Guid roomId, ReadReceiptRequest request, HttpContext http, ChatDbContext db, RoomBroadcaster broadcaster, CancellationToken cancellationToken)
    {
        var me = http.User.UserId()!.Value;
        var member = await db.Members.SingleOrDefaultAsync(m => m.RoomId == roomId && m.UserId == me, cancellationToken);
        if (member is null) return TypedResults.NotFound();
        if (!await db.Messages.AnyAsync(m => m.RoomId == roomId && m.Id == request.MessageId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["messageId"] = ["이 채팅방의 메시지가 아닙니다."] });
        }
        if (member.MarkReadUpTo(request.MessageId))
        {
            await db.SaveChangesAsync(cancellationToken);
            await broadcaster.ReadAsync(new ReadReceipt(roomId, me, request.MessageId), cancellationToken);
        }
        return TypedResults.NoContent();
    }
}
