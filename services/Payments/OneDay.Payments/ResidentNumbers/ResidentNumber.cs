using System.Globalization;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>
/// A resident registration number (주민등록번호), checked as docs/resident-numbers.md describes: YYMMDD, the digit for
/// sex and century, five digits, and the check digit. Its <see cref="ToString"/> is the masked form, so a number that
/// reaches a log line or an exception message by mistake shows no more than the worker is shown.
/// </summary>
public sealed class ResidentNumber
{
    private static readonly int[] CheckWeights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    private ResidentNumber(string digits) => Digits = digits;

    /// <summary>The 13 digits without the hyphen: what the filing files carry.</summary>
    public string Digits { get; }

    /// <summary>What the worker and the employer's summary see: the date of birth and the sex digit, the rest hidden (900101-1******).</summary>
    public string Masked => $"{Digits[..6]}-{Digits[6]}******";

    public override string ToString() => Masked;

    /// <summary>The number in <paramref name="text"/> (13 digits, a hyphen after the sixth allowed), or why it is not one, in Korean.</summary>
    public static (ResidentNumber? Number, string? Error) Parse(string? text, DateOnly today)
    {
        var digits = (text ?? "").Trim();
        if (digits.Length == 14 && digits[6] == '-') digits = digits.Remove(6, 1);
        if (digits.Length != 13 || !digits.All(char.IsAsciiDigit)) return (null, "주민등록번호는 숫자 13자리로 입력해 주세요 (예: 900101-1234567).");
        if (CenturyOf(digits[6]) is not { } century) return (null, "주민등록번호 뒷자리 첫 숫자가 올바르지 않습니다 (내국인은 1~4).");
        var birth = $"{century + int.Parse(digits[..2], CultureInfo.InvariantCulture)}{digits[2..6]}";
        if (!DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) || born > today)
            return (null, "주민등록번호 앞자리의 생년월일이 올바르지 않습니다.");
        if (CheckDigit(digits) != digits[12] - '0') return (null, "주민등록번호가 올바르지 않습니다. 다시 확인해 주세요.");
        return (new ResidentNumber(digits), null);
    }

    /// <summary>The number stored for a worker: digits that were checked when they were entered.</summary>
    public static ResidentNumber FromStored(string digits) => new(digits);

    // 1 and 2 were given to those born in the 1900s, 3 and 4 in the 2000s. 5 to 8 are foreigners' registration
    // numbers (외국인등록번호), 9 and 0 the 1800s: neither is taken here (docs/resident-numbers.md says why).
    private static int? CenturyOf(char sexDigit) => sexDigit switch
    {
        '1' or '2' => 1900,
        '3' or '4' => 2000,
        _ => null,
    };

    private static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < CheckWeights.Length; i++) sum += (digits[i] - '0') * CheckWeights[i];
        return (11 - sum % 11) % 10;
    }
}
