using OneDay.Users.Verification;

namespace OneDay.Users.Notifications;

/// <summary>The notification kinds users asks for (notifications' `kind`: it picks the Korean template).</summary>
public static class NotificationKind
{
    public const string EmailVerification = "email-verification";
    public const string PasswordReset = "password-reset";

    /// <summary>The kind of message that carries a token of <paramref name="purpose"/>.</summary>
    public static string For(OneTimeTokenPurpose purpose) => purpose switch
    {
        OneTimeTokenPurpose.EmailVerification => EmailVerification,
        OneTimeTokenPurpose.PasswordReset => PasswordReset,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "no notification carries this token"),
    };
}
