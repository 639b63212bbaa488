using Microsoft.EntityFrameworkCore;

namespace OneDay.Notifications.InApp;

public static class UnreadQueries
{
    /// <summary>The user's unread count (served by the partial index on unread rows).</summary>
    public static Task<int> CountUnreadAsync(this IQueryable<Notification> notifications, Guid userId, CancellationToken cancellationToken) =>
        notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
}
