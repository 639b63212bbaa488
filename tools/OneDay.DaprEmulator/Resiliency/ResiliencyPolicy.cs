namespace OneDay.DaprEmulator.Resiliency;

/// <summary>
/// Runs an operation the way Dapr's policy runner does: each attempt passes the circuit breaker and
/// gets its own timeout; failures the retry policy accepts are retried with its backoff.
/// </summary>
public sealed class ResiliencyPolicy(TimeSpan? timeout, RetryPolicy? retry, CircuitBreaker? breaker, TimeProvider time)
{
    public static ResiliencyPolicy None { get; } = new(null, null, null, TimeProvider.System);

    public TimeSpan? Timeout => timeout;

    public RetryPolicy? Retry => retry;

    /// <param name="attempt">One try; given a token that fires at the attempt's timeout.</param>
    /// <param name="isFailure">Whether a completed attempt failed (the circuit breaker counts it).</param>
    /// <param name="isRetryable">Whether a failed attempt may be retried (e.g. the retry policy's `matching`).</param>
    public async Task<T> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>> attempt,
        Func<T, bool> isFailure,
        Func<T, bool> isRetryable,
        CancellationToken cancellationToken)
    {
        for (var retries = 0; ; retries++)
        {
            if (breaker is not null && !breaker.TryEnter()) throw new CircuitBreakerOpenException();
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout is { } t) attemptCts.CancelAfter(t);
            T result;
            try
            {
                result = await attempt(attemptCts.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not CircuitBreakerOpenException)
            {
                breaker?.Record(success: false);
                if (retry is null || !retry.AllowsAnotherAttempt(retries)) throw;
                await Task.Delay(retry.Backoff(retries + 1), time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var failed = isFailure(result);
            breaker?.Record(success: !failed);
            if (!failed || retry is null || !isRetryable(result) || !retry.AllowsAnotherAttempt(retries)) return result;
            (result as IDisposable)?.Dispose();
            await Task.Delay(retry.Backoff(retries + 1), time, cancellationToken).ConfigureAwait(false);
        }
    }
}

public sealed class CircuitBreakerOpenException() : Exception("circuit breaker is open");
