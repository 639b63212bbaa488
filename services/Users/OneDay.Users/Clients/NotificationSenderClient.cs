using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Contracts.Notifications;

namespace OneDay.Users.Clients;

/// <summary>
/// notifications' send endpoint for services, through Dapr service invocation (the HttpClient's base address is
/// the app id); an internal route, so the access-control policy decides which apps may call it.
/// </summary>
public sealed class NotificationSenderClient(HttpClient http) : INotificationSender
{
    public async Task SendAsync(SendNotificationRequest notification, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/internal/notifications/send", notification, ContractJson.Options, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
