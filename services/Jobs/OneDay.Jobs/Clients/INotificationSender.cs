using OneDay.Contracts.Notifications;

namespace OneDay.Jobs.Clients;

/// <summary>Sends through the notifications service; throws when it does not take the notification.</summary>
public interface INotificationSender
{
    Task SendAsync(SendNotificationRequest notification, CancellationToken cancellationToken);
}
