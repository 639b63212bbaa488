using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;

namespace OneDay.Jobs.Clients;

/// <summary>`POST /internal/notifications/send` on notifications, through Dapr service invocation.</summary>
public sealed class NotificationSenderClient(HttpClient http) : INotificationSender
{
    public async Task SendAsync(SendNotificationRequest notification, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("internal/notifications/send", UriKind.Relative), notification, ContractJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
