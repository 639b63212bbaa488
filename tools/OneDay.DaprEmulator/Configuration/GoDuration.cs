using System.Globalization;
using System.Text.RegularExpressions;

namespace OneDay.DaprEmulator.Configuration;

/// <summary>
/// Durations as Dapr writes them: Go's time.ParseDuration ("1h30m", "200ms", "0h0m5s0ms" — the .NET SDK's
/// "Dapr format" is a valid Go duration), plain integers where the resiliency spec allows milliseconds,
/// and ISO-8601 durations (PT10S) that actor reminders accept.
/// </summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"^(?<sign>[-+])?((?<num>\d+(\.\d+)?)(?<unit>ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoPattern();

    [GeneratedRegex(@"(?<num>\d+(\.\d+)?)(?<unit>ns|us|µs|ms|s|m|h)")]
    private static partial Regex GoPart();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "0") return true;
        if (!GoPattern().IsMatch(text)) return false;
        double ticks = 0;
        foreach (Match part in GoPart().Matches(text))
        {
            var number = double.Parse(part.Groups["num"].Value, CultureInfo.InvariantCulture);
            ticks += part.Groups["unit"].Value switch
            {
                "ns" => number / 100,
                "us" or "µs" => number * 10,
                "ms" => number * TimeSpan.TicksPerMillisecond,
                "s" => number * TimeSpan.TicksPerSecond,
                "m" => number * TimeSpan.TicksPerMinute,
                _ => number * TimeSpan.TicksPerHour,
            };
        }
        value = TimeSpan.FromTicks((long)ticks);
        if (text.StartsWith('-')) value = -value;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration");

    /// <summary>Resiliency timeouts: a Go duration, or an integer number of milliseconds.</summary>
    public static bool TryParseOrMilliseconds(string? text, out TimeSpan value)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            value = TimeSpan.FromMilliseconds(ms);
            return true;
        }
        return TryParse(text, out value);
    }
}
