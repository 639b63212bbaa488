namespace OneDay.Jobs.Clients;

/// <summary>
/// A notification for one user, as notifications' `POST /internal/notifications/send` takes it: the kind
/// picks notifications' Korean template, <see cref="Parameters"/> fill it (application-submitted needs
/// "jobTitle"). <see cref="IdempotencyKey"/> lets notifications drop a repeat when the saga retries a send
/// whose answer was lost — and the application-submitted event, which carries the same key.
/// </summary>
public sealed record NotificationRequest(
    Guid RecipientId,
    string Kind,
    IReadOnlyDictionary<string, string> Parameters,
    string IdempotencyKey);

/// <summary>Sends through the notifications service; throws when it does not take the notification.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationRequest notification, CancellationToken cancellationToken);
}
