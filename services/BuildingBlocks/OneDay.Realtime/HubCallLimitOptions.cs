using System.ComponentModel.DataAnnotations;

namespace OneDay.Realtime;

/// <summary>
/// How often one connection may call hub methods (section "HubCalls"): a token bucket per connection. Methods
/// marked <see cref="OwnRateLimitAttribute"/> (sending a message) are limited by their own rule instead.
/// </summary>
public sealed class HubCallLimitOptions
{
    public const string Section = "HubCalls";

    /// <summary>Calls a connection may make at once, e.g. joining every room of its list on opening the app.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 30;

    /// <summary>Calls a connection regains per second, enough for a typing indicator on every keystroke.</summary>
    [Range(0.1, 10_000)]
    public double PerSecond { get; set; } = 10;
}
