using Dapr.Workflow;
using OneDay.Payments.Clients;
using OneDay.Payments.Providers;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Payments.Workflows;

/// <summary>
/// A confirmed payment, start to end (instance id = payment id): capture at the provider → escrow funded by
/// the employer → jobs marks the application paid → settlement into the worker's wallet (net of
/// withholding), the fee and withholding accounts. The worker's money reaches the wallet only in the last
/// step, so no compensation ever takes back money a worker may already have withdrawn. A failure undoes
/// what was done, latest first (jobs' mark, escrow, the capture), then records the payment Failed. Calls to
/// the provider and jobs retry with backoff; a step that keeps failing compensates.
/// </summary>
public sealed class PaymentWorkflow : Workflow<PaymentWorkflowInput, PaymentWorkflowStep>
{
    /// <summary>The kind under which the saga metrics count payments (the same as the actor saga's, so dashboards stay).</summary>
    public const string SagaKind = "payment";

    public static string InstanceId(Guid paymentId) => paymentId.ToString();

    public override async Task<PaymentWorkflowStep> RunAsync(WorkflowContext context, PaymentWorkflowInput input)
    {
        SagaMetrics.RecordStepDelay(context, SagaKind, input.ConfirmedAt);
        var forward = input.Retry.ForwardStep();
        var paymentId = input.PaymentId;
        // The undo of each forward step done (or possibly done), in the order they were done.
        var undo = new List<string>();
        var step = PaymentWorkflowStep.Capturing;
        try
        {
            context.SetCustomStatus(step);
            CaptureResult capture;
            try
            {
                capture = await context.CallActivityAsync<CaptureResult>(nameof(CapturePaymentActivity), paymentId, forward);
            }
            catch (WorkflowTaskFailedException)
            {
                // No answer however often asked: the card may have been captured, so it is cancelled too.
                undo.Add(nameof(CancelCaptureActivity));
                throw;
            }
            if (!capture.Captured) return await FailAsync(context, input, new PaymentFailure(paymentId, capture.DeclineReason ?? "결제가 거절되었습니다.", null), undo);
            undo.Add(nameof(CancelCaptureActivity));

            context.SetCustomStatus(step = PaymentWorkflowStep.FundingEscrow);
            await context.CallActivityAsync<bool>(nameof(FundEscrowActivity), paymentId, forward);
            undo.Add(nameof(ReverseEscrowActivity));

            context.SetCustomStatus(step = PaymentWorkflowStep.MarkingApplicationPaid);
            var marked = await context.CallActivityAsync<JobsAnswer>(nameof(MarkApplicationPaidActivity), paymentId, forward);
            if (!marked.Done) return await FailAsync(context, input, new PaymentFailure(paymentId, marked.Refusal ?? "jobs refused to mark the application paid", null), undo);
            undo.Add(nameof(MarkApplicationUnpaidActivity));

            context.SetCustomStatus(step = PaymentWorkflowStep.Settling);
            await context.CallActivityAsync<bool>(nameof(SettlePaymentActivity), input, forward);
            context.SetCustomStatus(PaymentWorkflowStep.Completed);
            return PaymentWorkflowStep.Completed;
        }
        catch (WorkflowTaskFailedException e)
        {
            return await FailAsync(context, input, new PaymentFailure(paymentId, $"결제 처리 중 오류가 계속되었습니다: {e.FailureDetails.ErrorMessage}", step), undo);
        }
    }

    private static async Task<PaymentWorkflowStep> FailAsync(WorkflowContext context, PaymentWorkflowInput input, PaymentFailure failure, List<string> undo)
    {
        var untilDone = input.Retry.UntilDone();
        context.SetCustomStatus(PaymentWorkflowStep.Compensating);
        var compensation = new PaymentCompensation(failure.PaymentId, failure.Reason);
        for (var i = undo.Count - 1; i >= 0; i--) await context.CallActivityAsync<bool>(undo[i], compensation, untilDone);
        await context.CallActivityAsync<bool>(nameof(RecordPaymentFailureActivity), failure, untilDone);
        context.SetCustomStatus(PaymentWorkflowStep.Failed);
        return PaymentWorkflowStep.Failed;
    }
}
