using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.Workflows;

/// <summary>How the payment workflows retry their activities; a workflow keeps the values it started with.</summary>
public sealed class PaymentWorkflowOptions
{
    public const string Section = "PaymentWorkflow";

    /// <summary>The first retry's delay; each further retry doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tries of a forward step before the workflow gives up and compensates (compensations retry until they succeed).</summary>
    [Range(1, 100)]
    public int StepAttempts { get; set; } = 5;

    /// <summary>
    /// How many payments may be processing at once before a confirm is turned away (429 with Retry-After, nothing
    /// changed): past the pace the workflows settle at, a longer queue would only make every payment late. The
    /// default is about two seconds of settling at the pace measured on 2 cores (README, benchmarks). A soft limit:
    /// each confirm counts before it commits, so confirms arriving together may pass it by as many as arrive.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxProcessing { get; set; } = 120;

    public PaymentRetry Retry => new(StepAttempts, RetryDelay, MaxRetryDelay);
}
