using OneDay.Contracts.Notifications;
using OneDay.Users.Verification;

namespace OneDay.Users.AccountMessaging;

/// <summary>
/// What users owes a person by e-mail: a link carrying a one-time token, or a notice about something done to
/// their account that they should hear of even if it was not them. Stored by name, so the names never change.
/// </summary>
public enum AccountMessage
{
    EmailVerification,
    PasswordReset,

    /// <summary>Someone tried to register with the address: registration answers the same either way, so only the owner learns of it.</summary>
    SignUpAttempt,

    /// <summary>The payout account was changed: a stolen session must not redirect wages unseen.</summary>
    PayoutAccountChanged,
}

public static class AccountMessages
{
    /// <summary>How long a notice may wait for notifications before it is stale and dropped.</summary>
    public static readonly TimeSpan NoticeLifetime = TimeSpan.FromDays(1);

    public static AccountMessage Carrying(OneTimeTokenPurpose purpose) => purpose switch
    {
        OneTimeTokenPurpose.EmailVerification => AccountMessage.EmailVerification,
        OneTimeTokenPurpose.PasswordReset => AccountMessage.PasswordReset,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "no message carries this token"),
    };

    /// <summary>The token the message carries, minted when it is sent; null for a notice.</summary>
    public static OneTimeTokenPurpose? Token(this AccountMessage message) => message switch
    {
        AccountMessage.EmailVerification => OneTimeTokenPurpose.EmailVerification,
        AccountMessage.PasswordReset => OneTimeTokenPurpose.PasswordReset,
        _ => null,
    };

    /// <summary>The kind of notification that carries the message (it picks notifications' template).</summary>
    public static NotificationKind Kind(this AccountMessage message) => message switch
    {
        AccountMessage.EmailVerification => NotificationKind.EmailVerification,
        AccountMessage.PasswordReset => NotificationKind.PasswordReset,
        AccountMessage.SignUpAttempt => NotificationKind.SignUpAttempt,
        AccountMessage.PayoutAccountChanged => NotificationKind.PayoutAccountChanged,
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "not an account message"),
    };
}
