using System.Security.Cryptography;

namespace OneDay.DaprEmulator.PubSub;

/// <summary>W3C trace context: daprd continues the caller's trace with a span of its own.</summary>
public sealed record TraceContext(string TraceParent, string TraceState)
{
    /// <summary>A child of <paramref name="incoming"/> when it is a valid traceparent, else a new sampled trace.</summary>
    public static TraceContext ChildOf(string? incoming, string? traceState)
    {
        var parts = incoming?.Split('-');
        var traceId = parts is { Length: 4 } && parts[1].Length == 32 ? parts[1] : Hex(16);
        var flags = parts is { Length: 4 } && parts[3].Length == 2 ? parts[3] : "01";
        return new TraceContext($"00-{traceId}-{Hex(8)}-{flags}", traceState ?? "");
    }

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
