using Microsoft.EntityFrameworkCore;
using OneDay.Chat.Data;

namespace OneDay.Chat.Participants;

/// <summary>The names shown beside messages and members, looked up once per page.</summary>
public sealed class DisplayNames
{
    private readonly Dictionary<Guid, string> _names;

    private DisplayNames(Dictionary<Guid, string> names) => _names = names;

    public string Of(Guid userId) => _names.GetValueOrDefault(userId, Participant.UnknownName);

    public static async Task<DisplayNames> LoadAsync(ChatDbContext db, IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return new DisplayNames(await db.Participants.AsNoTracking()
            .Where(p => ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.DisplayName, cancellationToken));
    }
}
