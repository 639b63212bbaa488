namespace OneDay.Payments.Workflows;

/// <summary>Where a payment's workflow stands: its custom status, shown by GET /payments/{id} while the payment is in flight.</summary>
public enum PaymentWorkflowStep
{
    Capturing,
    FundingEscrow,
    MarkingApplicationPaid,
    Settling,
    Completed,
    Compensating,
    Failed,
    RefundingCapture,
    MarkingApplicationUnpaid,
    RecordingRefund,
    Refunded,

    /// <summary>Capturing the card, funding escrow and having jobs mark the application paid, as one activity (<see cref="PaymentWorkflow.OneCollectionPatch"/>).</summary>
    Collecting,
}
