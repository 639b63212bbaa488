using System.ComponentModel.DataAnnotations;

namespace OneDay.Users.Authentication;

/// <summary>Lifetimes of what the users service issues (section "Tokens").</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>Short, because an access token cannot be revoked before it expires (at most 15 min: docs/threat-model.md).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:15:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>At most one verification or reset message per user in this time, so the endpoints cannot flood a mailbox.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// At most one "someone tried to sign up with your address" notice per account in this time: registering the
    /// address again and again must not flood its owner's mailbox.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan SignUpAttemptNoticeInterval { get; set; } = TimeSpan.FromHours(1);
}
