using Dapr.Actors;

namespace OneDay.Jobs.Saga;

/// <summary>The job-application saga as an actor (id = application id).</summary>
public interface IJobApplicationSaga : IActor
{
    /// <summary>Begins the saga for a recorded application; calling it again does nothing.</summary>
    Task StartAsync();

    /// <summary>
    /// The application changed outside the saga (the employer decided, the worker cancelled): run the
    /// current step now instead of at its scheduled time, so a saga waiting for a decision ends at once.
    /// </summary>
    Task WakeAsync();

    /// <summary>The saga's state, for operators and tests; null before it started.</summary>
    Task<SagaState?> GetStateAsync();
}
