namespace OneDay.Notifications.Preferences;

/// <summary>
/// A daily window, in Korea time, during which SMS and push wait instead of waking the user. The window
/// may span midnight (22:00–08:00). Korea has no daylight saving, but the zone is still looked up so the
/// rule stays right if that ever changes.
/// </summary>
public sealed class QuietHours
{
    public static readonly TimeZoneInfo Korea = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public Guid UserId { get; init; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }

    /// <summary>When the window that <paramref name="now"/> falls in ends (UTC), or null outside the window.</summary>
    public DateTimeOffset? EndOfWindowContaining(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Korea);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = StartTime < EndTime ? time >= StartTime && time < EndTime : time >= StartTime || time < EndTime;
        if (!inside) return null;
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= EndTime) endDate = endDate.AddDays(1);
        var endLocal = endDate.ToDateTime(EndTime);
        return new DateTimeOffset(endLocal, Korea.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}
