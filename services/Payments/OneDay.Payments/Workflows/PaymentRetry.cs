using Dapr.Workflow;
using OneDay.ServiceDefaults.Background;

namespace OneDay.Payments.Workflows;

/// <summary>
/// How a payment workflow retries its activities, fixed in its input when it starts (a workflow takes no
/// dependencies, and a replay must see the same policy as the first run).
/// </summary>
public sealed record PaymentRetry(int StepAttempts, TimeSpan RetryDelay, TimeSpan MaxRetryDelay)
{
    private RetryBackoff Backoff => new(RetryDelay, MaxRetryDelay);

    /// <summary>A forward step: tried <see cref="StepAttempts"/> times, then the workflow compensates.</summary>
    public WorkflowTaskOptions ForwardStep() => new(Backoff.ForWorkflow(StepAttempts));

    /// <summary>
    /// An undo or refund step: money already moved has to be put back, so it is retried until it succeeds
    /// (the workflow is seen waiting) rather than left half-undone.
    /// </summary>
    public WorkflowTaskOptions UntilDone() => new(Backoff.ForWorkflow(int.MaxValue));
}
