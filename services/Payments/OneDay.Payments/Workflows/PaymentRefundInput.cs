namespace OneDay.Payments.Workflows;

/// <summary>What a refund workflow starts from: the completed payment whose ledger the caller reversed, why, and how to retry.</summary>
public sealed record PaymentRefundInput(Guid PaymentId, string Reason, PaymentRetry Retry);
