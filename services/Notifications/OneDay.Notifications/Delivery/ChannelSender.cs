using Dapr.Client;
using OneDay.Contracts.Notifications;
using OneDay.Notifications.Devices;

namespace OneDay.Notifications.Delivery;

/// <summary>
/// Sends one delivery through the channel's Dapr output binding (`email`, `sms`, `push`). The metadata
/// names what bindings.smtp (emailTo, subject) and bindings.twilio.sms (toNumber) read, so operators swap
/// the component without a code change; a push message carries its device's token and platform in the
/// body, for the provider adapter behind bindings.http. Self-hosted bindings.localstorage writes the
/// message to `{userId}/{deliveryId}.txt` (`.json` for push).
/// </summary>
public sealed class ChannelSender(DaprClient dapr)
{
    private const string Create = "create";

    public Task SendAsync(ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        var subject = delivery.Subject ?? "";
        var body = delivery.Body ?? "";
        return delivery.Channel switch
        {
            NotificationChannel.Email => dapr.InvokeBindingAsync("email", Create, body, new Dictionary<string, string>
            {
                ["fileName"] = FileName(delivery, "txt"),
                ["emailTo"] = delivery.Destination,
                ["subject"] = subject,
            }, cancellationToken),
            NotificationChannel.Sms => dapr.InvokeBindingAsync("sms", Create, $"[원데이] {subject}\n{body}", new Dictionary<string, string>
            {
                ["fileName"] = FileName(delivery, "txt"),
                ["toNumber"] = delivery.Destination,
            }, cancellationToken),
            NotificationChannel.Push => dapr.InvokeBindingAsync("push", Create,
                new PushMessage(delivery.Destination,
                    delivery.Platform ?? throw new InvalidOperationException($"push delivery {delivery.Id} names no device platform"),
                    delivery.UserId, delivery.NotificationId, delivery.Kind, subject, body),
                new Dictionary<string, string> { ["fileName"] = FileName(delivery, "json") }, cancellationToken),
            _ => throw new InvalidOperationException($"{delivery.Channel} is not an output binding"),
        };
    }

    private static string FileName(ChannelDelivery delivery, string extension) => $"{delivery.UserId}/{delivery.Id}.{extension}";
}

/// <summary>What a push provider receives: the device to reach, and enough for the app to show the message and open the notification.</summary>
public sealed record PushMessage(string DeviceToken, PushPlatform Platform, Guid UserId, Guid? NotificationId, NotificationKind Kind, string Title, string Body);
