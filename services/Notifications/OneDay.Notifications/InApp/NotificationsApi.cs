using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Notifications.Data;
using OneDay.Notifications.Realtime;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Notifications.InApp;

/// <summary>The caller's own in-app list. Every query is filtered by the token's user id: another user's entry is simply not found.</summary>
public static class NotificationsApi
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;

    public static RouteGroupBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization();
        notifications.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("The caller's notifications, newest first (cursor-paged; ?unread=true for unread only)");
        notifications.MapGet("/unread-count", UnreadCountAsync).WithName("GetUnreadNotificationCount").WithSummary("How many of the caller's notifications are unread");
        notifications.MapPut("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one of the caller's notifications read");
        notifications.MapPut("/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Marks all of the caller's notifications read");
        return notifications;
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken, string? cursor = null, int? limit = null, bool? unread = null)
    {
        var userId = user.UserId()!.Value;
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return Invalid("limit", $"limit must be between 1 and {MaxLimit}");
        NotificationCursor? after = null;
        if (cursor is not null && !NotificationCursor.TryDecode(cursor, out after)) return Invalid("cursor", "cursor is not one this service issued");

        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unread == true) query = query.Where(n => n.ReadAt == null);
        if (after is not null) query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = page.Take(size).Select(NotificationView.Of).ToList();
        var next = page.Count > size ? new NotificationCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return TypedResults.Ok(new NotificationPage(items, next));
    }

    private static async Task<Ok<UnreadCount>> UnreadCountAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCount(await db.Notifications.CountUnreadAsync(user.UserId()!.Value, cancellationToken)));

    private static async Task<Results<Ok<NotificationView>, NotFound>> MarkReadAsync(
        Guid id, ClaimsPrincipal user, NotificationsDbContext db, RealtimeNotifier realtime, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.UserId()!.Value;
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null) return TypedResults.NotFound();
        if (!notification.IsRead)
        {
            notification.MarkRead(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await SendUnreadCountAsync(userId, db, realtime, cancellationToken);
        }
        return TypedResults.Ok(NotificationView.Of(notification));
    }

    private static async Task<Ok<UnreadCount>> MarkAllReadAsync(
        ClaimsPrincipal user, NotificationsDbContext db, RealtimeNotifier realtime, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = user.UserId()!.Value;
        var now = time.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0) await SendUnreadCountAsync(userId, db, realtime, cancellationToken);
        return TypedResults.Ok(new UnreadCount(await db.Notifications.CountUnreadAsync(userId, cancellationToken)));
    }

    /// <summary>Other open tabs and devices show the new count at once.</summary>
    private static async Task SendUnreadCountAsync(Guid userId, NotificationsDbContext db, RealtimeNotifier realtime, CancellationToken cancellationToken) =>
        await realtime.SendUnreadCountAsync(userId, await db.Notifications.CountUnreadAsync(userId, cancellationToken), cancellationToken);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
