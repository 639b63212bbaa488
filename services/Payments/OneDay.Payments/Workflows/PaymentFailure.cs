namespace OneDay.Payments.Workflows;

/// <summary>
/// How a payment failed: its reason for the employer, and the step whose retries ran out — absent for an
/// outcome such as a declined card, which is no fault of the system's (oneday_saga_failures counts only the former).
/// </summary>
public sealed record PaymentFailure(Guid PaymentId, string Reason, PaymentWorkflowStep? GaveUpAt);
