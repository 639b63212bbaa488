namespace OneDay.Users.Notifications;

/// <summary>
/// The body of notifications' <c>POST /internal/notifications/send</c> as users calls it through Dapr
/// invocation. <see cref="IdempotencyKey"/> is the pending notification's id, stable across retries, so a
/// message that was accepted but whose answer was lost is not sent twice. <see cref="Parameters"/> fill the
/// kind's template: "token" (URL-safe), "expiresAt" (ISO 8601, UTC) and "displayName".
/// </summary>
public sealed record SendNotification(
    Guid RecipientId,
    string Kind,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Channels,
    NotificationRecipient Recipient,
    string IdempotencyKey);

/// <summary>Where to reach the user: given because a verification mail may arrive before notifications has seen user-created.</summary>
public sealed record NotificationRecipient(string Email, string? PhoneNumber);
