using System.Globalization;
using OneDay.Contracts;

namespace OneDay.Web.Payments;

/// <summary>
/// The card form. The sandbox PG takes no card (a real PG's own page would), so the card goes nowhere: the
/// web server checks its shape and forgets it, and a test card number picks the sandbox's scripted outcome,
/// as PGs' documented test cards do. <see cref="IdempotencyKey"/> is minted when the form is shown.
/// </summary>
public sealed class CardInput
{
    /// <summary>The test card the sandbox PG declines (the issuer refuses); any other valid number is approved.</summary>
    public const string DeclinedTestCard = "4000000000000002";

    public Guid PaymentId { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public string Number { get; set; } = "";
    public string Expiry { get; set; } = "";
    public string Cvc { get; set; } = "";

    private string Digits => new([.. Number.Where(char.IsAsciiDigit)]);

    /// <summary>The sandbox checkout's scripted failure for this card, if it is a failing test card.</summary>
    public string? SandboxFailure => Digits == DeclinedTestCard ? "Declined" : null;

    /// <summary>What is wrong with the card, per field, in Korean; empty when it may be charged.</summary>
    public Dictionary<string, string[]> Check(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (Number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')) || Digits.Length is < 14 or > 19 || !PassesLuhn(Digits))
            errors["cardNumber"] = ["카드 번호를 확인해 주세요."];
        if (!DateTime.TryParseExact(Expiry.Trim(), "MM/yy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
            errors["expiry"] = ["유효기간을 MM/YY 형식으로 입력해 주세요."];
        else if (expiry.AddMonths(1) <= now.ToOffset(KoreanTime.Offset).DateTime)
            errors["expiry"] = ["유효기간이 지난 카드입니다."];
        if (Cvc.Length is < 3 or > 4 || !Cvc.All(char.IsAsciiDigit))
            errors["cvc"] = ["CVC 3자리를 입력해 주세요."];
        return errors;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
