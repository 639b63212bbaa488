using OneDay.Contracts.Notifications;

namespace OneDay.Users.Clients;

/// <summary>Hands a message to the notifications service; throws when it was not accepted.</summary>
public interface INotificationSender
{
    Task SendAsync(SendNotificationRequest notification, CancellationToken cancellationToken);
}
