using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Notifications.Recipients;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>Keeps <see cref="Recipient"/> (where each user can be reached) from the users service's events.</summary>
public static class RecipientReadModel
{
    public static async Task RecordAsync(NotificationsDbContext db, UserCreated created, CancellationToken cancellationToken)
    {
        var recipient = await RecipientAsync(db, created.UserId, cancellationToken);
        recipient.Email = created.Email;
        recipient.DisplayName = created.DisplayName;
    }

    public static async Task UpdateAsync(NotificationsDbContext db, UserUpdated updated, CancellationToken cancellationToken)
    {
        var recipient = await RecipientAsync(db, updated.UserId, cancellationToken);
        recipient.DisplayName = updated.DisplayName;
        recipient.PhoneNumber = updated.PhoneNumber;
    }

    private static async Task<Recipient> RecipientAsync(NotificationsDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Recipients.FindAsync([userId], cancellationToken) is { } known) return known;
        var recipient = new Recipient { UserId = userId };
        db.Recipients.Add(recipient);
        return recipient;
    }
}
