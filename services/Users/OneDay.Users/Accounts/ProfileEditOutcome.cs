namespace OneDay.Users.Accounts;

/// <summary>What a profile edit changed, which decides whether other services are told (user-updated).</summary>
public enum ProfileEditOutcome
{
    Unchanged,

    /// <summary>Only what stays in users: bio, skills, preferred regions, payout account.</summary>
    OnlyPrivateFieldsChanged,

    /// <summary>The display name or phone number, which user-updated carries to the services that keep them.</summary>
    SharedFieldsChanged,
}
