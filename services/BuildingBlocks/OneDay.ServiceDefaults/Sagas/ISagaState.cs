namespace OneDay.ServiceDefaults.Sagas;

/// <summary>What <see cref="ReminderDrivenSaga{TState}"/> needs to know of a saga's durable state.</summary>
public interface ISagaState
{
    bool IsFinished { get; }

    /// <summary>The next step does not run before this time (a retry's back-off, a deadline).</summary>
    DateTimeOffset NotBefore { get; }

    /// <summary>The step to run next, as the step's span names it.</summary>
    string StepName { get; }

    /// <summary>W3C traceparent of the request that began the saga: every step continues that trace.</summary>
    string? TraceParent { get; }
}
