using System.ComponentModel.DataAnnotations;

namespace OneDay.Gateway.RateLimiting;

/// <summary>Request budgets per client (section "RateLimiting"): a token bucket each.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Per signed-in user.</summary>
    [Required]
    public BucketOptions User { get; set; } = new() { Burst = 100, PerSecond = 20 };

    /// <summary>Per client IP without a token.</summary>
    [Required]
    public BucketOptions Anonymous { get; set; } = new() { Burst = 40, PerSecond = 10 };

    /// <summary>Login, registration and password reset, per client IP: guessing is what this stops.</summary>
    [Required]
    public BucketOptions Credentials { get; set; } = new() { Burst = 10, PerSecond = 0.2 };
}

public sealed class BucketOptions
{
    [Range(1, 100_000)]
    public int Burst { get; set; }

    [Range(0.01, 100_000)]
    public double PerSecond { get; set; }
}
