using System.Globalization;
using System.Text.RegularExpressions;

namespace OneDay.Config.Tests.Validation;

/// <summary>
/// Durations as Dapr's resiliency decoder reads them: a bare integer is milliseconds, anything else goes
/// to Go's time.ParseDuration (dapr pkg/resiliency parseDuration, kit/config decodeString).
/// </summary>
internal static partial class DaprDuration
{
    public static bool IsValid(string? text) =>
        text is not null
        && (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) || GoDuration().IsMatch(text));

    // time.ParseDuration: an optional sign, then "0" or one or more decimal numbers each with a unit.
    [GeneratedRegex(@"^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$")]
    private static partial Regex GoDuration();
}
