using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OneDay.Notifications.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.Sending;

/// <summary>
/// Notices sent at most once, by key: a send request's idempotency key, and the notices two paths may both
/// give. The employer hears of a new application from the job-application saga (a send with key
/// <see cref="ApplicationSubmitted"/>) and from the application-submitted event; whichever comes first
/// tells them. Keys are kept in the inbox table under their own consumer name.
/// </summary>
public static class NoticeKeys
{
    public const string Consumer = "send-notification";

    public static string ApplicationSubmitted(Guid applicationId) => $"application-submitted:{applicationId}";

    /// <summary>The same key always gives the same id (callers' keys are strings, the inbox's are ids).</summary>
    public static Guid IdOf(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    public static InboxMessage Record(string key, DateTimeOffset now) => new() { EventId = IdOf(key), Consumer = Consumer, Topic = Consumer, HandledAt = now };

    /// <summary>
    /// Records the key in the caller's unit of work unless it is already recorded. Two racing claims both
    /// pass the check; the second then fails on the inbox key and its caller is retried, finding the first.
    /// </summary>
    public static async Task<bool> TryClaimAsync(NotificationsDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        if (await db.Set<InboxMessage>().AnyAsync(m => m.EventId == id && m.Consumer == Consumer, cancellationToken)) return false;
        db.Set<InboxMessage>().Add(Record(key, now));
        return true;
    }
}
