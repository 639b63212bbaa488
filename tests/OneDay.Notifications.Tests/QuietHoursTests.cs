using OneDay.Notifications.Preferences;

namespace OneDay.Notifications.Tests;

/// <summary>The quiet-hours window in Korea time (UTC+9), including windows across midnight.</summary>
public sealed class QuietHoursTests
{
    private static DateTimeOffset Seoul(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    public static TheoryData<string, string, DateTimeOffset, DateTimeOffset?> Cases => new()
    {
        // 22:00–08:00 spans midnight.
        { "22:00", "08:00", Seoul(24, 23, 30), Seoul(25, 8) },
        { "22:00", "08:00", Seoul(25, 3), Seoul(25, 8) },
        { "22:00", "08:00", Seoul(24, 22), Seoul(25, 8) },
        { "22:00", "08:00", Seoul(25, 8), null },
        { "22:00", "08:00", Seoul(24, 12), null },
        // 13:00–14:00 within a day.
        { "13:00", "14:00", Seoul(24, 13, 59), Seoul(24, 14) },
        { "13:00", "14:00", Seoul(24, 12, 59), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_window_ends_at_the_next_end_time_in_korea(string start, string end, DateTimeOffset now, DateTimeOffset? expectedEnd)
    {
        var quiet = new QuietHours { StartTime = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), EndTime = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(expectedEnd, quiet.EndOfWindowContaining(now.ToUniversalTime()));
    }
}
