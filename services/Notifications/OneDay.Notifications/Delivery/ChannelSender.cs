using Dapr.Client;
using OneDay.Notifications.Notifications;

namespace OneDay.Notifications.Delivery;

/// <summary>
/// Sends one delivery through the channel's Dapr output binding (`email`, `sms`, `push`). The metadata
/// names what bindings.smtp (emailTo, subject) and bindings.twilio.sms (toNumber) read, so operators swap
/// the component without a code change; self-hosted bindings.localstorage writes the message to
/// `{userId}/{deliveryId}.txt` (`.json` for push).
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
                new PushMessage(delivery.UserId, delivery.NotificationId, delivery.Kind, subject, body),
                new Dictionary<string, string> { ["fileName"] = FileName(delivery, "json") }, cancellationToken),
            _ => throw new InvalidOperationException($"{delivery.Channel} is not an output binding"),
        };
    }

    private static string FileName(ChannelDelivery delivery, string extension) => $"{delivery.UserId}/{delivery.Id}.{extension}";
}

/// <summary>What a push provider receives: enough for the app to show it and open the notification.</summary>
public sealed record PushMessage(Guid UserId, Guid? NotificationId, NotificationKind Kind, string Title, string Body);
