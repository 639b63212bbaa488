using System.ComponentModel.DataAnnotations;

namespace OneDay.Payments.Saga;

public sealed class PaymentSagaOptions
{
    public const string Section = "PaymentSaga";

    /// <summary>The first retry's delay; each further retry doubles it up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tries of a forward step before the saga gives up and compensates (compensations retry until they succeed).</summary>
    [Range(1, 100)]
    public int StepAttempts { get; set; } = 5;

    /// <summary>How often the reminder fires while a step waits, so a crash between turns resumes.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often stalled work is looked for, and how old it must be to count as stalled.</summary>
    public TimeSpan RecoverySweep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Confirmed payments whose saga waits to be started, at most; beyond it a confirm still answers and its
    /// saga is started by the recovery sweep instead, so a burst cannot grow the process without bound.
    /// </summary>
    [Range(1, 1_000_000)]
    public int StartQueueCapacity { get; set; } = 10_000;
}
