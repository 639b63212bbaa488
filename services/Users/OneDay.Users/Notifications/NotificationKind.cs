namespace OneDay.Users.Notifications;

/// <summary>The notification kinds users asks for (notifications' `kind`: it picks the Korean template).</summary>
public static class NotificationKind
{
    public const string EmailVerification = "email-verification";
    public const string PasswordReset = "password-reset";
}
