using Dapr.Workflow;

namespace OneDay.Payments.Workflows;

/// <summary>
/// The refund of a completed payment (instance id = <see cref="InstanceId"/>), started in the same
/// transaction that reversed its ledger: the card refunded at the provider → jobs takes back the paid mark
/// → the payment recorded Refunded and announced. Money has already moved back, so every step retries until
/// it succeeds.
/// </summary>
public sealed class PaymentRefundWorkflow : Workflow<PaymentRefundInput, PaymentWorkflowStep>
{
    public static string InstanceId(Guid paymentId) => $"{paymentId}-refund";

    public override async Task<PaymentWorkflowStep> RunAsync(WorkflowContext context, PaymentRefundInput input)
    {
        var untilDone = input.Retry.UntilDone();
        var compensation = new PaymentCompensation(input.PaymentId, input.Reason);
        context.SetCustomStatus(PaymentWorkflowStep.RefundingCapture);
        await context.CallActivityAsync<bool>(nameof(CancelCaptureActivity), compensation, untilDone);
        context.SetCustomStatus(PaymentWorkflowStep.MarkingApplicationUnpaid);
        await context.CallActivityAsync<bool>(nameof(MarkApplicationUnpaidActivity), compensation, untilDone);
        context.SetCustomStatus(PaymentWorkflowStep.RecordingRefund);
        await context.CallActivityAsync<bool>(nameof(RecordRefundActivity), input, untilDone);
        context.SetCustomStatus(PaymentWorkflowStep.Refunded);
        return PaymentWorkflowStep.Refunded;
    }
}
