namespace OneDay.Payments.WagePayments;

public enum PaymentStatus
{
    /// <summary>Created with a provider order; the employer has not paid yet.</summary>
    AwaitingPayment,

    /// <summary>The employer paid the provider; its workflow is capturing and settling.</summary>
    Processing,

    Completed,
    Failed,
    Cancelled,

    /// <summary>The ledger is reversed; the provider refund and jobs' unmarking are under way.</summary>
    Refunding,

    Refunded,
}
