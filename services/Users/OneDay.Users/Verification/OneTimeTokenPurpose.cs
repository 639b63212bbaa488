namespace OneDay.Users.Verification;

public enum OneTimeTokenPurpose
{
    EmailVerification,
    PasswordReset,
}
