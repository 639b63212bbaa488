namespace OneDay.Contracts.Notifications;

/// <summary>
/// The body of notifications' <c>POST /internal/notifications/send</c> (services through Dapr invocation) and
/// <c>POST /notifications/send</c> (Admins): notify one user.
/// <list type="bullet">
/// <item><see cref="Kind"/> picks the Korean template; <see cref="Parameters"/> fill it. email-verification /
/// password-reset: "token" (URL-safe), "expiresAt" (ISO 8601), "displayName"; application-submitted and
/// application-decision-reminder: "jobTitle";
/// application-rejected: "jobTitle", "reason"; announcement: "title", "body"; sign-up-attempt: "displayName";
/// payout-account-changed: "displayName", "bankName", "accountNumber" (masked). A missing one is a 400 that names it.</item>
/// <item><see cref="Channels"/>: optional subset of the kind's channels; default the kind's own. The user's
/// opt-outs still apply, except to codes.</item>
/// <item><see cref="Recipient"/>: optional addresses overriding notifications' directory (a verification mail
/// may be sent before notifications has heard user-created).</item>
/// <item><see cref="IdempotencyKey"/>: optional; a caller that retries after a lost answer sends the same key,
/// and the user is notified once.</item>
/// </list>
/// </summary>
public sealed record SendNotificationRequest(
    Guid RecipientId,
    NotificationKind Kind,
    IReadOnlyDictionary<string, string>? Parameters = null,
    IReadOnlyList<NotificationChannel>? Channels = null,
    NotificationAddress? Recipient = null,
    string? IdempotencyKey = null);

/// <summary>Where to reach the user instead of the directory's address.</summary>
public sealed record NotificationAddress(string? Email, string? PhoneNumber);

/// <summary>The answer: the in-app entry (none for secret kinds), the channels queued, and whether this repeated an earlier request.</summary>
public sealed record SendNotificationResult(Guid? NotificationId, IReadOnlyList<NotificationChannel> Channels, bool Repeated);
