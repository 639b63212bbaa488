namespace OneDay.Chat.Participants;

/// <summary>
/// The chat's own directory entry for a user, fed by the users service's events: names are resolved
/// from here when history is read, so anonymising the entry anonymises every message the user sent.
/// </summary>
public sealed class Participant
{
    public const string DeletedName = "탈퇴한 사용자";
    public const string UnknownName = "알 수 없는 사용자";

    public Guid UserId { get; init; }
    public string DisplayName { get; private set; } = UnknownName;
    public bool IsDeleted { get; private set; }

    /// <summary>Takes the user's current name; a deleted user stays anonymous even if a late update arrives.</summary>
    public void Rename(string displayName)
    {
        if (IsDeleted) return;
        DisplayName = displayName;
    }

    public void Anonymise()
    {
        IsDeleted = true;
        DisplayName = DeletedName;
    }
}
