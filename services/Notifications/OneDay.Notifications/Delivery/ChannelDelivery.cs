using OneDay.Contracts.Notifications;
using OneDay.Notifications.Devices;

namespace OneDay.Notifications.Delivery;

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// One message for one output binding, written in the same transaction as the notification and sent by
/// the <see cref="DeliveryDispatcher"/>: due at once, or at the end of the user's quiet hours, and after a
/// failure again with backoff. The rendered text is kept only until it is sent, because for secret kinds it
/// holds a code.
/// </summary>
public sealed class ChannelDelivery
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public Guid? NotificationId { get; init; }
    public NotificationKind Kind { get; init; }
    public NotificationChannel Channel { get; init; }

    /// <summary>The e-mail address, phone number, or push device token.</summary>
    public required string Destination { get; init; }

    /// <summary>For push, the platform of the device <see cref="Destination"/> names; null for the other channels.</summary>
    public PushPlatform? Platform { get; init; }

    public string? Subject { get; private set; }
    public string? Body { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>True when it was put off to the end of quiet hours rather than sent at once.</summary>
    public bool Deferred { get; init; }

    public static ChannelDelivery Create(Guid userId, Guid? notificationId, NotificationKind kind, NotificationChannel channel,
        string destination, PushPlatform? platform, string subject, string body, DateTimeOffset now, DateTimeOffset dueAt) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        NotificationId = notificationId,
        Kind = kind,
        Channel = channel,
        Destination = destination,
        Platform = platform,
        Subject = subject,
        Body = body,
        Status = DeliveryStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = dueAt,
        Deferred = dueAt > now,
    };

    public void MarkSent(DateTimeOffset now)
    {
        Status = DeliveryStatus.Sent;
        Attempts++;
        SentAt = now;
        LastError = null;
        Subject = null;
        Body = null;
    }

    /// <summary>Gives the delivery up without sending it (its text dropped): what it was addressed to is no longer the user's.</summary>
    public void Abandon(string reason)
    {
        Status = DeliveryStatus.Failed;
        LastError = reason;
        Subject = null;
        Body = null;
    }

    /// <summary>Records a failed attempt: retried after <paramref name="backoff"/>, or given up (and its text dropped) after the last attempt.</summary>
    public void MarkFailed(string error, DateTimeOffset now, TimeSpan backoff, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= maxAttempts)
        {
            Status = DeliveryStatus.Failed;
            Subject = null;
            Body = null;
            return;
        }
        NextAttemptAt = now + backoff;
    }
}
