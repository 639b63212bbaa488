using System.Globalization;
using OneDay.Contracts.Notifications;
using OneDay.Users.Accounts;
using OneDay.Users.Verification;

namespace OneDay.Users.Notifications;

/// <summary>
/// A message with a one-time token that a user is owed (the e-mail verification link after registering, a
/// password-reset link on request), waiting to be handed to notifications. It records only the intent: the
/// token itself is minted when the message is sent and only its hash is stored once notifications accepted
/// it (<see cref="OneTimeTokens"/>), so no table ever holds a usable token and each retry carries a fresh
/// one. The row is deleted once the message was accepted. The token never goes on the pub/sub bus, whose
/// messages every subscriber could read.
/// </summary>
public sealed class PendingNotification
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public OneTimeTokenPurpose Purpose { get; init; }
    /// <summary>After this the request is stale (a token sent for it then would be a surprise) and is dropped undelivered.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>The message carrying <paramref name="token"/> to <paramref name="user"/> as the account reads now.</summary>
    public SendNotificationRequest ToRequest(User user, MintedToken token) => new(
        UserId,
        KindOf(Purpose),
        new Dictionary<string, string>
        {
            ["token"] = token.Secret,
            ["expiresAt"] = token.Token.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["displayName"] = user.DisplayName,
        },
        [NotificationChannel.Email],
        // Given, because a verification mail may go out before notifications has heard user-created.
        new NotificationAddress(user.Email, null),
        // Stable across retries of this message, so one accepted whose answer was lost is not sent twice.
        token.Token.Id.ToString());

    /// <summary>The kind of message that carries a token of <paramref name="purpose"/> (it picks notifications' template).</summary>
    public static NotificationKind KindOf(OneTimeTokenPurpose purpose) => purpose switch
    {
        OneTimeTokenPurpose.EmailVerification => NotificationKind.EmailVerification,
        OneTimeTokenPurpose.PasswordReset => NotificationKind.PasswordReset,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "no notification carries this token"),
    };
}
