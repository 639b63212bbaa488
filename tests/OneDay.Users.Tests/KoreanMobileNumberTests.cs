using OneDay.Users.Accounts;

namespace OneDay.Users.Tests;

public sealed class KoreanMobileNumberTests
{
    [Theory]
    [InlineData("010-1234-5678", "010-1234-5678")]
    [InlineData("01012345678", "010-1234-5678")]
    [InlineData("010 1234 5678", "010-1234-5678")]
    [InlineData("+82 10-1234-5678", "010-1234-5678")]
    [InlineData("+821012345678", "010-1234-5678")]
    [InlineData(" 010-9876-5432 ", "010-9876-5432")]
    [InlineData("011-123-4567", "011-123-4567")]
    [InlineData("0111234567", "011-123-4567")]
    [InlineData("016-1234-5678", "016-1234-5678")]
    [InlineData("017-987-6543", "017-987-6543")]
    [InlineData("+82 19-987-6543", "019-987-6543")]
    public void A_mobile_number_in_any_accepted_spelling_is_normalised(string given, string normalised) =>
        Assert.Equal(normalised, KoreanMobileNumber.Normalise(given));

    [Theory]
    [InlineData("010-123-4567")]
    [InlineData("0101234567")]
    [InlineData("+82 10-123-4567")]
    [InlineData("010-12345-678")]
    [InlineData("010-1234-567")]
    [InlineData("012-1234-5678")]
    [InlineData("02-123-4567")]
    [InlineData("031-1234-5678")]
    [InlineData("+1 10-1234-5678")]
    [InlineData("010-1234-5678-9")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void What_is_not_a_Korean_mobile_number_is_refused(string? given) =>
        Assert.Null(KoreanMobileNumber.Normalise(given));
}
