using System.ComponentModel.DataAnnotations;

namespace OneDay.Users.Authentication;

/// <summary>How many failed logins are tolerated in a sliding window (section "LoginThrottle").</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "LoginThrottle";

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Per account: guessing one person's password.</summary>
    [Range(1, 1000)]
    public int FailuresPerAccount { get; set; } = 5;

    /// <summary>Per client address: trying many accounts from one place (credential stuffing).</summary>
    [Range(1, 10000)]
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>How often failures that have left the window are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(5);
}
