using System.Text.Json.Serialization;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Payments.Saga;

public enum PaymentSagaStep
{
    Capture,
    FundEscrow,
    MarkPaid,
    Settle,
    UnmarkPaid,
    ReverseEscrow,
    CancelCapture,
    RecordFailure,
    RefundCapture,
    RefundUnmarkPaid,
    RecordRefund,
    Finished,
}

/// <summary>
/// The saga's durable state in the actor state store: the step to run next and not before when, how often
/// it has been tried, the forward steps done (what compensation must undo, in reverse), why it failed,
/// and, for a completed payment refunded later, why it was refunded.
/// </summary>
public sealed record PaymentSagaState(
    Guid PaymentId,
    PaymentSagaStep Step,
    int Attempts,
    DateTimeOffset NotBefore,
    IReadOnlyList<PaymentSagaStep> Done,
    string? FailureReason,
    string? RefundReason,
    string? TraceParent = null) : ISagaState
{
    public static PaymentSagaState Begin(Guid paymentId, DateTimeOffset now, string? traceParent = null) =>
        new(paymentId, PaymentSagaStep.Capture, 0, now, [], null, null, traceParent);

    [JsonIgnore]
    public bool IsFinished => Step == PaymentSagaStep.Finished;

    [JsonIgnore]
    public string StepName => Step.ToString();

    /// <summary>Compensations and refund steps never give up: they retry until they succeed.</summary>
    public bool RetriesUntilDone => FailureReason is not null || RefundReason is not null;

    /// <summary>The refund path of a completed payment (the ledger was already reversed by the caller).</summary>
    public PaymentSagaState BeginRefund(string reason, DateTimeOffset now) =>
        this with { Step = PaymentSagaStep.RefundCapture, RefundReason = reason, Attempts = 0, NotBefore = now };

    public PaymentSagaState MoveTo(PaymentSagaStep next, DateTimeOffset now) => this with { Step = next, Attempts = 0, NotBefore = now };

    public PaymentSagaState Advance(PaymentSagaStep completed, PaymentSagaStep next, DateTimeOffset now) =>
        this with { Step = next, Attempts = 0, NotBefore = now, Done = [.. Done, completed] };

    public PaymentSagaState RetryAt(DateTimeOffset notBefore) => this with { Attempts = Attempts + 1, NotBefore = notBefore };

    /// <summary>Starts compensating: undo what was done, latest first, then record the failure.</summary>
    public PaymentSagaState Compensate(string reason, DateTimeOffset now) =>
        (this with { FailureReason = reason, Attempts = 0, NotBefore = now }).NextCompensation(now);

    /// <summary>Marks the current compensation done and moves to the next one still owed.</summary>
    public PaymentSagaState CompensationDone(DateTimeOffset now) =>
        (this with { Done = Done.Where(step => step != Undoes(Step)).ToList(), Attempts = 0, NotBefore = now }).NextCompensation(now);

    private PaymentSagaState NextCompensation(DateTimeOffset now)
    {
        var owed = Done.Reverse().Select(Compensation).FirstOrDefault(step => step is not null);
        return this with { Step = owed ?? PaymentSagaStep.RecordFailure, NotBefore = now };
    }

    private static PaymentSagaStep? Compensation(PaymentSagaStep forward) => forward switch
    {
        PaymentSagaStep.MarkPaid => PaymentSagaStep.UnmarkPaid,
        PaymentSagaStep.FundEscrow => PaymentSagaStep.ReverseEscrow,
        PaymentSagaStep.Capture => PaymentSagaStep.CancelCapture,
        _ => null,
    };

    private static PaymentSagaStep? Undoes(PaymentSagaStep compensation) => compensation switch
    {
        PaymentSagaStep.UnmarkPaid => PaymentSagaStep.MarkPaid,
        PaymentSagaStep.ReverseEscrow => PaymentSagaStep.FundEscrow,
        PaymentSagaStep.CancelCapture => PaymentSagaStep.Capture,
        _ => null,
    };
}
