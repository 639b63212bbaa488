using Dapr.Workflow;

namespace OneDay.ServiceDefaults.Background;

/// <summary>
/// Waits that double with each failure in a row, from <paramref name="Initial"/> up to <paramref name="Max"/>:
/// a destination that is down for a moment is tried again soon, one that stays down is not hammered, and
/// none waits longer than <paramref name="Max"/> once it is back.
/// </summary>
public readonly record struct RetryBackoff(TimeSpan Initial, TimeSpan Max)
{
    /// <summary>The wait after the <paramref name="failures"/>th failure in a row (the first failure is 1).</summary>
    public TimeSpan After(int failures)
    {
        var wait = Initial;
        // Doubling stops at Max, so however many failures there were, the ticks never overflow.
        for (var doublings = 1; doublings < failures && wait < Max; doublings++) wait += wait;
        return wait < Max ? wait : Max;
    }

    /// <summary>
    /// The same schedule for a workflow activity, whose retries the workflow runtime waits out durably: at most
    /// <paramref name="attempts"/> attempts, the nth retry after the wait <see cref="After"/>(n) gives.
    /// </summary>
    public WorkflowRetryPolicy ForWorkflow(int attempts) => new(attempts, Initial, backoffCoefficient: 2, maxRetryInterval: Max);
}
