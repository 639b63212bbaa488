namespace OneDay.Jobs.Accounts;

/// <summary>
/// An account's display name as users last announced it (user-created, user-updated): the parties' names a labour
/// contract is drawn up with. A name deleted with its account leaves signed contracts as they were signed.
/// </summary>
public sealed class AccountName
{
    public const string Unknown = "(이름 미확인)";

    public Guid UserId { get; init; }
    public string DisplayName { get; set; } = Unknown;
    public DateTimeOffset UpdatedAt { get; set; }
}
