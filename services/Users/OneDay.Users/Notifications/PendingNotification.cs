namespace OneDay.Users.Notifications;

/// <summary>
/// A message carrying a one-time token, waiting to be handed to notifications. It is written in the same
/// transaction as the token, so a token exists only with its way to the user, and is deleted once
/// notifications accepted it (the plain token is kept no longer than that). It never goes on the pub/sub
/// bus, whose messages every subscriber could read.
/// </summary>
public sealed class PendingNotification
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Kind { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required string Token { get; init; }
    /// <summary>After this the message is useless (its token has expired) and is dropped undelivered.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    public SendNotification ToRequest() => new(
        UserId,
        Kind,
        new Dictionary<string, string>
        {
            ["token"] = Token,
            ["expiresAt"] = ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["displayName"] = DisplayName,
        },
        ["email"],
        new NotificationRecipient(Email, null),
        Id.ToString());
}
