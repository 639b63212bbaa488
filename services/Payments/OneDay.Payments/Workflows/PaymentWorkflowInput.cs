namespace OneDay.Payments.Workflows;

/// <summary>What a payment workflow starts from: the confirmed payment, when it was confirmed (to time confirm → settled), and how to retry.</summary>
public sealed record PaymentWorkflowInput(Guid PaymentId, DateTimeOffset ConfirmedAt, PaymentRetry Retry);
