using System.Text.Json.Serialization;
using OneDay.Jobs.Applications;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Jobs.Saga;

public enum SagaStep
{
    ConfirmEligibility,
    NotifyEmployer,
    AwaitDecision,
    Compensate,
    Finished,
}

/// <summary>
/// The saga's durable state, kept in the actor state store: the step to run next and not before when,
/// how often the step has been tried, why it compensates, and what its compensation has done.
/// </summary>
public sealed record SagaState(
    Guid ApplicationId,
    SagaStep Step,
    int Attempts,
    DateTimeOffset NotBefore,
    ApplicationStatus? CompensationOutcome,
    string? CompensationReason,
    IReadOnlyList<string> CompensationLog,
    string? TraceParent = null) : ISagaState
{
    public static SagaState Begin(Guid applicationId, DateTimeOffset now, string? traceParent = null) =>
        new(applicationId, SagaStep.ConfirmEligibility, 0, now, null, null, [], traceParent);

    [JsonIgnore]
    public bool IsFinished => Step == SagaStep.Finished;

    [JsonIgnore]
    public string StepName => Step.ToString();

    public SagaState MoveTo(SagaStep step, DateTimeOffset notBefore) => this with { Step = step, Attempts = 0, NotBefore = notBefore };

    public SagaState CompensateWith(ApplicationStatus outcome, string reason, DateTimeOffset now) =>
        MoveTo(SagaStep.Compensate, now) with { CompensationOutcome = outcome, CompensationReason = reason };

    public SagaState Finish(DateTimeOffset now) => MoveTo(SagaStep.Finished, now);
}
