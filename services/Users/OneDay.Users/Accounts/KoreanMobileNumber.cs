using System.Text.RegularExpressions;

namespace OneDay.Users.Accounts;

public static partial class KoreanMobileNumber
{
    /// <summary>
    /// 010-1234-5678 for any accepted spelling (01012345678, 010 1234 5678, +82 10-1234-5678, and the
    /// older 011/016/017/018/019 prefixes); null when it is not a Korean mobile number.
    /// </summary>
    public static string? Normalise(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var match = Pattern().Match(phone.Trim());
        if (!match.Success) return null;
        return $"01{match.Groups["carrier"].Value}-{match.Groups["middle"].Value}-{match.Groups["last"].Value}";
    }

    // 010 numbers always have a four-digit middle block; only the older 011/016–019 numbers, issued before
    // the 010 integration, may have three.
    [GeneratedRegex(@"^(?:\+82[ -]?|0)1(?:(?<carrier>0)[ -]?(?<middle>\d{4})|(?<carrier>[16789])[ -]?(?<middle>\d{3,4}))[ -]?(?<last>\d{4})$")]
    private static partial Regex Pattern();
}
