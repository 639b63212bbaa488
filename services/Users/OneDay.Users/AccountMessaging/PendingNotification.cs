using System.Globalization;
using OneDay.Contracts.Notifications;
using OneDay.Users.Accounts;
using OneDay.Users.Verification;

namespace OneDay.Users.AccountMessaging;

/// <summary>
/// A message a user is owed (the e-mail verification link after registering, a password-reset link on request,
/// a notice about their account), waiting to be handed to notifications. It records only the intent: a token
/// is minted when the message is sent and only its hash is stored once notifications accepted it
/// (<see cref="OneTimeTokens"/>), so no table ever holds a usable token and each retry carries a fresh one.
/// The row is deleted once the message was accepted. Tokens never go on the pub/sub bus, whose messages every
/// subscriber could read.
/// </summary>
public sealed class PendingNotification
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public AccountMessage Purpose { get; init; }
    /// <summary>After this the request is stale (a message sent for it then would be a surprise) and is dropped undelivered.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>A message owed to <paramref name="userId"/> from now, due at once, stale after <paramref name="lifetime"/>.</summary>
    public static PendingNotification Owe(Guid userId, AccountMessage message, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Purpose = message,
        ExpiresAt = now + lifetime,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>The message to <paramref name="user"/> as the account reads now, carrying <paramref name="token"/> when it has one.</summary>
    public SendNotificationRequest ToRequest(User user, MintedToken? token)
    {
        var parameters = new Dictionary<string, string> { ["displayName"] = user.DisplayName };
        if (token is not null)
        {
            parameters["token"] = token.Secret;
            parameters["expiresAt"] = token.Token.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }
        if (Purpose == AccountMessage.PayoutAccountChanged)
        {
            // The account as it reads when the notice leaves, masked: the owner recognises it, a mailbox reader learns nothing usable.
            parameters["bankName"] = user.Payout?.BankName ?? "-";
            parameters["accountNumber"] = user.Payout?.MaskedAccountNumber ?? "-";
        }
        return new SendNotificationRequest(
            UserId,
            Purpose.Kind(),
            parameters,
            [NotificationChannel.Email],
            // Given, because a verification mail may go out before notifications has heard user-created.
            new NotificationAddress(user.Email, null),
            // Stable across retries of this message, so one accepted whose answer was lost is not sent twice.
            (token?.Token.Id ?? Id).ToString());
    }
}
