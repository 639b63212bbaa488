using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.Actors;

/// <summary>
/// When a reminder or timer fires (dapr pkg/actors/internal/reminders; docs "Actor timers and
/// reminders"): `dueTime` is a duration (Go or the SDK's "0h0m5s0ms", ISO-8601 "PT5S") or an RFC3339
/// time; `period` a duration, or ISO-8601 with repetitions "R3/PT10S" (empty = fire once); `ttl` a
/// duration or an RFC3339 time after which it stops.
/// </summary>
public sealed partial record ActorSchedule(DateTimeOffset FirstFire, TimeSpan? Period, int? Repetitions, DateTimeOffset? ExpiresAt)
{
    [GeneratedRegex(@"^R(?<n>\d+)/(?<d>P.+)$")]
    private static partial Regex Repetition();

    public static ActorSchedule Parse(string? dueTime, string? period, string? ttl, DateTimeOffset now)
    {
        var first = string.IsNullOrEmpty(dueTime) ? now
            : TryDuration(dueTime, out var due) ? now + due
            : DateTimeOffset.TryParse(dueTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
            : throw new FormatException($"invalid dueTime '{dueTime}'");

        TimeSpan? every = null;
        int? repetitions = null;
        if (!string.IsNullOrEmpty(period))
        {
            var match = Repetition().Match(period);
            if (match.Success)
            {
                repetitions = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                every = TryDuration(match.Groups["d"].Value, out var p) ? p : throw new FormatException($"invalid period '{period}'");
            }
            else
            {
                every = TryDuration(period, out var p) ? p : throw new FormatException($"invalid period '{period}'");
            }
            if (every <= TimeSpan.Zero) throw new FormatException($"period must be positive: '{period}'");
        }

        DateTimeOffset? expires = null;
        if (!string.IsNullOrEmpty(ttl))
        {
            expires = TryDuration(ttl, out var t) ? first + t
                : DateTimeOffset.TryParse(ttl, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until) ? until
                : throw new FormatException($"invalid ttl '{ttl}'");
        }
        return new ActorSchedule(first, every, repetitions, expires);
    }

    private static bool TryDuration(string text, out TimeSpan value)
    {
        if (GoDuration.TryParse(text, out value)) return true;
        if (!text.StartsWith('P')) return false;
        var weeks = Regex.Match(text, @"^P(\d+)W$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (weeks.Success)
        {
            value = TimeSpan.FromDays(7 * int.Parse(weeks.Groups[1].Value, CultureInfo.InvariantCulture));
            return true;
        }
        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
