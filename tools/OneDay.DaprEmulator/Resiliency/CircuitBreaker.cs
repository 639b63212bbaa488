using System.Text.RegularExpressions;
using OneDay.DaprEmulator.Configuration;

namespace OneDay.DaprEmulator.Resiliency;

/// <summary>
/// A circuit breaker as Dapr configures it (sony/gobreaker underneath): it opens when `trip` holds
/// (e.g. "consecutiveFailures > 5"), rejects calls while open for `timeout`, then lets `maxRequests`
/// trial calls through (half-open); a success closes it, a failure re-opens it. In the closed state the
/// counts reset every `interval` (0 = never).
/// </summary>
public sealed partial class CircuitBreaker(CircuitBreakerPolicy policy, TimeProvider time)
{
    private readonly Lock _gate = new();
    private State _state = State.Closed;
    private DateTimeOffset _openedAt;
    private DateTimeOffset _countsSince = time.GetUtcNow();
    private int _consecutiveFailures;
    private int _requests;
    private int _totalFailures;
    private int _halfOpenInFlight;

    private enum State { Closed, Open, HalfOpen }

    /// <summary>False when the breaker is open: the call must fail at once.</summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_state == State.Open)
            {
                if (now - _openedAt < policy.Timeout) return false;
                _state = State.HalfOpen;
                _halfOpenInFlight = 0;
            }
            if (_state == State.HalfOpen)
            {
                if (_halfOpenInFlight >= policy.MaxRequests) return false;
                _halfOpenInFlight++;
            }
            else if (policy.Interval > TimeSpan.Zero && now - _countsSince >= policy.Interval)
            {
                _countsSince = now;
                _consecutiveFailures = _requests = _totalFailures = 0;
            }
            _requests++;
            return true;
        }
    }

    public void Record(bool success)
    {
        lock (_gate)
        {
            if (success)
            {
                _consecutiveFailures = 0;
                if (_state == State.HalfOpen) Reset(State.Closed);
                return;
            }
            _consecutiveFailures++;
            _totalFailures++;
            if (_state == State.HalfOpen || policy.Trips(_consecutiveFailures, _requests, _totalFailures))
            {
                Reset(State.Open);
                _openedAt = time.GetUtcNow();
            }
        }
    }

    public bool IsOpen
    {
        get { lock (_gate) return _state == State.Open && time.GetUtcNow() - _openedAt < policy.Timeout; }
    }

    private void Reset(State state)
    {
        _state = state;
        _countsSince = time.GetUtcNow();
        _consecutiveFailures = _requests = _totalFailures = 0;
    }
}

public sealed partial record CircuitBreakerPolicy(int MaxRequests, TimeSpan Interval, TimeSpan Timeout, string Trip)
{
    [GeneratedRegex(@"^\s*(?<var>consecutiveFailures|requests|totalFailures)\s*(?<op>>=|<=|==|>|<)\s*(?<num>\d+)\s*$")]
    private static partial Regex TripPattern();

    public static CircuitBreakerPolicy Parse(object? node) => new(
        YamlTree.Number(node, "maxRequests") ?? 1,
        GoDuration.TryParse(YamlTree.Text(node, "interval"), out var i) ? i : TimeSpan.Zero,
        GoDuration.TryParse(YamlTree.Text(node, "timeout"), out var t) ? t : TimeSpan.FromSeconds(60),
        YamlTree.Text(node, "trip") ?? "consecutiveFailures > 5");

    /// <summary>Evaluates `trip`; conditions may be joined with &amp;&amp; or ||.</summary>
    public bool Trips(int consecutiveFailures, int requests, int totalFailures) =>
        Trip.Split("||").Any(any => any.Split("&&").All(term =>
        {
            var m = TripPattern().Match(term);
            if (!m.Success) throw new InvalidDataException($"unsupported circuit breaker trip '{Trip}'");
            var left = m.Groups["var"].Value switch
            {
                "consecutiveFailures" => consecutiveFailures,
                "requests" => requests,
                _ => totalFailures,
            };
            var right = int.Parse(m.Groups["num"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return m.Groups["op"].Value switch
            {
                ">" => left > right,
                ">=" => left >= right,
                "<" => left < right,
                "<=" => left <= right,
                _ => left == right,
            };
        }));
}
