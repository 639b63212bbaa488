using OneDay.Contracts;
using OneDay.Users.Accounts;

namespace OneDay.Users.Profiles;

public sealed record ProfileView(
    Guid Id,
    string Email,
    UserRole Role,
    UserStatus Status,
    bool EmailVerified,
    string DisplayName,
    string? PhoneNumber,
    string? Bio,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> PreferredRegions,
    PayoutAccountView? PayoutAccount)
{
    public static ProfileView Of(User user) => new(
        user.Id,
        user.Email,
        user.Role,
        user.Status,
        user.IsEmailVerified,
        user.DisplayName,
        user.PhoneNumber,
        user.Bio,
        user.Skills,
        user.PreferredRegions,
        user.Payout is { } payout ? new PayoutAccountView(payout.BankName, payout.MaskedAccountNumber, payout.AccountHolder) : null);
}

/// <summary>The payout account as it is shown back: never the full number.</summary>
public sealed record PayoutAccountView(string BankName, string AccountNumber, string AccountHolder);
