using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.Resiliency;

/// <summary>
/// A named retry policy (dapr pkg/resiliency/resiliency.go, docs operations/resiliency/policies):
/// constant (duration, default 5s) or exponential (500 ms doubling… capped at maxInterval, default 60s);
/// maxRetries -1 = forever; `matching` limits which HTTP / gRPC status codes are retried.
/// </summary>
public sealed record RetryPolicy(bool Exponential, TimeSpan Duration, TimeSpan MaxInterval, int MaxRetries, StatusCodeSet? HttpStatusCodes, StatusCodeSet? GrpcStatusCodes)
{
    public static RetryPolicy Parse(object? node)
    {
        var exponential = string.Equals(YamlTree.Text(node, "policy"), "exponential", StringComparison.OrdinalIgnoreCase);
        var duration = GoDuration.TryParse(YamlTree.Text(node, "duration"), out var d) ? d : TimeSpan.FromSeconds(5);
        var maxInterval = GoDuration.TryParse(YamlTree.Text(node, "maxInterval"), out var m) ? m : TimeSpan.FromSeconds(60);
        var maxRetries = YamlTree.Number(node, "maxRetries") ?? -1;
        return new RetryPolicy(exponential, duration, maxInterval, maxRetries,
            StatusCodeSet.Parse(YamlTree.Text(node, "matching", "httpStatusCodes")),
            StatusCodeSet.Parse(YamlTree.Text(node, "matching", "gRPCStatusCodes")));
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan Backoff(int retry)
    {
        if (!Exponential) return Duration;
        var ms = 500 * Math.Pow(1.5, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxInterval.TotalMilliseconds));
    }

    public bool AllowsAnotherAttempt(int retriesSoFar) => MaxRetries < 0 || retriesSoFar < MaxRetries;

    /// <summary>Without `matching`, every failed attempt is retried; with it, only the listed codes.</summary>
    public bool RetriesHttpStatus(int status) => HttpStatusCodes?.Contains(status) ?? true;

    public bool RetriesGrpcStatus(int code) => GrpcStatusCodes?.Contains(code) ?? true;
}

/// <summary>"429,500-599": single codes and inclusive ranges.</summary>
public sealed class StatusCodeSet
{
    private readonly List<(int From, int To)> _ranges;

    private StatusCodeSet(List<(int, int)> ranges) => _ranges = ranges;

    public static StatusCodeSet? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            var from = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
            var to = bounds.Length > 1 ? int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) : from;
            ranges.Add((from, to));
        }
        return new StatusCodeSet(ranges);
    }

    public bool Contains(int code) => _ranges.Exists(r => code >= r.From && code <= r.To);
}
