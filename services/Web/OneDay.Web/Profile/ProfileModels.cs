namespace OneDay.Web.Profile;

// The users API's profile as this client reads it (the role arrives as its name).

/// <summary>The payout account as users shows it back: the number masked.</summary>
public sealed record PayoutAccount(string BankName, string AccountNumber, string AccountHolder);

public sealed record UserProfile(
    Guid Id, string Email, string Role, string DisplayName, string? PhoneNumber, string? Bio,
    IReadOnlyList<string> Skills, IReadOnlyList<string> PreferredRegions, PayoutAccount? PayoutAccount);
