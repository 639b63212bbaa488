using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Chat.Data;
using OneDay.Chat.Participants;
using OneDay.Chat.Realtime;
using OneDay.Contracts.Chat;
using OneDay.Persistence.Outbox;

namespace OneDay.Chat.Messages;

/// <summary>
/// The one way a message is sent, from REST and from the hub alike: checked (member, room open, text,
/// rate), stored with its chat-message-sent event in one transaction, and only then broadcast to the room.
/// A clientMessageId the sender already used returns the stored message and sends nothing again.
/// </summary>
public sealed class MessageSender(
    ChatDbContext db,
    IntegrationEventOutbox<ChatDbContext> outbox,
    SendRateLimiter rateLimiter,
    RoomBroadcaster broadcaster,
    PresenceRegistry presence,
    IOptions<ChatOptions> options,
    TimeProvider time)
{
    private const int PreviewLength = 100;

    public async Task<SendResult> SendAsync(Guid roomId, Guid senderId, Guid clientMessageId, string? rawText, CancellationToken cancellationToken)
    {
        if (clientMessageId == Guid.Empty) return new SendResult(SendStatus.Invalid, Error: "clientMessageId가 필요합니다.");
        if (!MessageText.TryNormalize(rawText, out var text, out var error)) return new SendResult(SendStatus.Invalid, Error: error);

        var room = await db.Rooms.AsNoTracking().Include(r => r.Members)
            .SingleOrDefaultAsync(r => r.Id == roomId && r.Members.Any(m => m.UserId == senderId), cancellationToken);
        if (room is null) return new SendResult(SendStatus.RoomNotFound);
        if (await FindAsync(roomId, senderId, clientMessageId, cancellationToken) is { } earlier) return new SendResult(SendStatus.AlreadySent, earlier);

        var now = time.GetUtcNow();
        if (room.IsClosedAt(now, options.Value.OpenAfterWork)) return new SendResult(SendStatus.RoomClosed, Error: "대화 기간이 끝난 채팅방입니다.");
        if (await rateLimiter.TryAcquireAsync(senderId) is { } retryAfter)
        {
            return new SendResult(SendStatus.RateLimited, Error: "메시지를 너무 자주 보내고 있습니다. 잠시 후 다시 보내 주세요.", RetryAfter: retryAfter);
        }

        // Members in the room on the hub read the message as it arrives; notifications tells only the others.
        var online = await presence.OnlineAsync(roomId);
        var offline = room.Members.Select(m => m.UserId).Where(id => id != senderId && !online.Contains(id)).ToList();
        ChatMessage message;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A room's messages take their ids one at a time under the room's row lock, each in a later
            // millisecond than the one before, so id order is commit order: a reader paging `after` the
            // newest id it has seen can never miss a message committed later with a smaller id.
            var idTime = (await db.Database.SqlQuery<DateTimeOffset>($"""
                UPDATE rooms SET last_activity_at = date_trunc('milliseconds', GREATEST({now}, last_activity_at + interval '1 millisecond'))
                WHERE id = {roomId} RETURNING last_activity_at AS "Value"
                """).ToListAsync(cancellationToken)).Single();
            message = new ChatMessage { Id = Guid.CreateVersion7(idTime), RoomId = roomId, SenderId = senderId, ClientMessageId = clientMessageId, Text = text, SentAt = now };
            db.Messages.Add(message);
            outbox.Add(new ChatMessageSent(message.Id, roomId, senderId, offline,
                text.Length <= PreviewLength ? text : text[..PreviewLength], now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same clientMessageId sent twice at once (two devices, a retry racing the original): the other one won.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new SendResult(SendStatus.AlreadySent, await FindAsync(roomId, senderId, clientMessageId, cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var view = View(message, await DisplayNames.LoadAsync(db, [senderId], CancellationToken.None));
        // Stored is sent: the room hears of it even if the sender has gone away meanwhile.
        await broadcaster.MessageSentAsync(view, CancellationToken.None);
        return new SendResult(SendStatus.Sent, view);
    }

    private async Task<MessageView?> FindAsync(Guid roomId, Guid senderId, Guid clientMessageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.RoomId == roomId && m.SenderId == senderId && m.ClientMessageId == clientMessageId, cancellationToken);
        return message is null ? null : View(message, await DisplayNames.LoadAsync(db, [senderId], cancellationToken));
    }

    public static MessageView View(ChatMessage message, DisplayNames names) =>
        new(message.Id, message.RoomId, message.SenderId, names.Of(message.SenderId), message.ClientMessageId, message.Text, message.SentAt);
}
