using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Notifications.Data;
using OneDay.Notifications.Sending;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Notifications.Preferences;

/// <summary>The caller's channel choices per kind and quiet hours (Korea time).</summary>
public static class PreferencesApi
{
    private const string TimeFormat = "HH:mm";

    public static void MapPreferences(this RouteGroupBuilder notifications)
    {
        notifications.MapGet("/preferences", GetAsync).WithName("GetNotificationPreferences").WithSummary("The caller's channels per kind and quiet hours");
        notifications.MapPut("/preferences", PutAsync).WithName("PutNotificationPreferences").WithSummary("Replaces the caller's channels per kind and quiet hours");
    }

    private static async Task<Ok<NotificationPreferences>> GetAsync(ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await LoadAsync(db, user.UserId()!.Value, cancellationToken));

    private static async Task<Results<Ok<NotificationPreferences>, ValidationProblem>> PutAsync(
        NotificationPreferences request, ClaimsPrincipal user, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var userId = user.UserId()!.Value;
        var errors = new Dictionary<string, string[]>();
        var kinds = request.Kinds ?? [];
        if (kinds.Any(k => k is null || !ChannelRules.ChoosableKinds.Contains(k.Kind) || k.Enabled is null))
        {
            errors["kinds"] = [$"each entry needs a kind out of: {string.Join(", ", ChannelRules.ChoosableKinds)}, and its enabled channels"];
        }
        else if (kinds.GroupBy(k => k.Kind).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            errors["kinds"] = [$"{repeated.Key} is listed twice"];
        }
        else if (kinds.FirstOrDefault(k => k.Enabled.Any(c => !ChannelRules.For(k.Kind).Allowed.Contains(c))) is { } unavailable)
        {
            errors["kinds"] = [$"{unavailable.Kind} may use: {string.Join(", ", ChannelRules.For(unavailable.Kind).Allowed)}"];
        }
        TimeOnly start = default, end = default;
        if (request.QuietHours is { } window
            && (!TimeOnly.TryParseExact(window.Start, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
                || !TimeOnly.TryParseExact(window.End, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out end)
                || start == end))
        {
            errors["quietHours"] = ["start and end are different times of day as HH:mm (Korea time)"];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ChannelPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.QuietHours.Where(q => q.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.ChannelPreferences.AddRange(kinds.SelectMany(k => ChannelRules.For(k.Kind).Allowed.Select(channel => new ChannelPreference
        {
            UserId = userId,
            Kind = k.Kind,
            Channel = channel,
            Enabled = k.Enabled.Contains(channel),
        })));
        if (request.QuietHours is not null) db.QuietHours.Add(new QuietHours { UserId = userId, StartTime = start, EndTime = end });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await LoadAsync(db, userId, cancellationToken));
    }

    private static async Task<NotificationPreferences> LoadAsync(NotificationsDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var choices = await db.ChannelPreferences.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        var quiet = await db.QuietHours.AsNoTracking().FirstOrDefaultAsync(q => q.UserId == userId, cancellationToken);
        var kinds = ChannelRules.ChoosableKinds.Select(kind =>
        {
            var rule = ChannelRules.For(kind);
            var enabled = rule.Allowed.Where(channel =>
                choices.FirstOrDefault(p => p.Kind == kind && p.Channel == channel) is { } choice ? choice.Enabled : rule.Defaults.Contains(channel));
            return new KindChannels(kind, enabled.ToList(), rule.Allowed);
        }).ToList();
        return new NotificationPreferences(kinds, quiet is null
            ? null
            : new QuietHoursWindow(quiet.StartTime.ToString(TimeFormat, CultureInfo.InvariantCulture), quiet.EndTime.ToString(TimeFormat, CultureInfo.InvariantCulture)));
    }
}
