namespace OneDay.Users.Accounts;

/// <summary>What a user may change about themselves, already validated and normalised.</summary>
public sealed record ProfileChanges(
    string DisplayName,
    string? PhoneNumber,
    string? Bio,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> PreferredRegions,
    PayoutAccount? PayoutAccount);
