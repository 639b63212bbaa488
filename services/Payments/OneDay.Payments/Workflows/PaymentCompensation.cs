namespace OneDay.Payments.Workflows;

/// <summary>An undo step's input: the payment, and why it is being undone (the provider records the reason with a cancel).</summary>
public sealed record PaymentCompensation(Guid PaymentId, string Reason);
