using System.ComponentModel.DataAnnotations;
using OneDay.Users.Accounts;

namespace OneDay.Users.Profiles;

/// <summary>
/// Everything PUT /users/profile can change. Email, role, status and id are not here, so a body that
/// sends them changes nothing (mass-assignment safe). <see cref="PayoutAccount"/> left out keeps the
/// current account: it is only ever read back masked, so a client could not send it again. Changing it takes
/// <see cref="CurrentPassword"/>: an access token alone (a stolen session) must not redirect a worker's wages.
/// </summary>
public sealed record UpdateProfile(
    [Required, StringLength(50, MinimumLength = 2)] string DisplayName,
    [Required, StringLength(20)] string PhoneNumber,
    [StringLength(1000)] string? Bio,
    [MaxLength(30)] IReadOnlyList<string>? Skills,
    [MaxLength(10)] IReadOnlyList<string>? PreferredRegions,
    UpdatePayoutAccount? PayoutAccount,
    [StringLength(PasswordPolicy.MaximumLength)] string? CurrentPassword = null);

public sealed record UpdatePayoutAccount(
    [Required, StringLength(30, MinimumLength = 2)] string BankName,
    [Required, RegularExpression(@"^[0-9][0-9-]{8,18}[0-9]$")] string AccountNumber,
    [Required, StringLength(50, MinimumLength = 2)] string AccountHolder);

public static class UpdateProfileRules
{
    public const int MaxTagLength = 50;

    /// <summary>The normalised changes, or the errors that refuse them.</summary>
    public static (ProfileChanges? Changes, Dictionary<string, string[]> Errors) Validate(UpdateProfile request, User current)
    {
        var errors = new Dictionary<string, string[]>();
        var displayName = request.DisplayName.Trim();
        if (displayName.Length < 2) errors["displayName"] = ["이름은 2자 이상이어야 합니다."];
        var phone = KoreanMobileNumber.Normalise(request.PhoneNumber);
        if (phone is null) errors["phoneNumber"] = ["휴대전화 번호 형식이 아닙니다 (예: 010-1234-5678)."];
        var skills = Tags(request.Skills);
        if (skills.Any(s => s.Length > MaxTagLength)) errors["skills"] = [$"기술은 {MaxTagLength}자 이하로 입력해 주세요."];
        var regions = Tags(request.PreferredRegions);
        if (regions.Any(r => r.Length > MaxTagLength)) errors["preferredRegions"] = [$"지역은 {MaxTagLength}자 이하로 입력해 주세요."];
        if (errors.Count > 0) return (null, errors);

        var payout = request.PayoutAccount is { } account
            ? new PayoutAccount(account.BankName.Trim(), account.AccountNumber.Replace("-", "", StringComparison.Ordinal), account.AccountHolder.Trim())
            : current.Payout;
        var bio = string.IsNullOrWhiteSpace(request.Bio) ? null : request.Bio.Trim();
        return (new ProfileChanges(displayName, phone, bio, skills, regions, payout), errors);
    }

    private static List<string> Tags(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
