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

    /// <summary>
    /// The patch that collects the payment (capture, escrow, jobs' paid mark) in one activity instead of three: each
    /// activity costs the workflow a turn, and under load the turns were what kept settlement behind the confirms.
    /// Instances started before it shipped replay their history on the three activities, as they ran them.
    /// </summary>
    public const string OneCollectionPatch = "one-collection-activity";

    public static string InstanceId(Guid paymentId) => paymentId.ToString();

    public override async Task<PaymentWorkflowStep> RunAsync(WorkflowContext context, PaymentWorkflowInput input)
    {
        SagaMetrics.RecordStepDelay(context, SagaKind, input.ConfirmedAt);
        var progress = new Progress(context);
        try
        {
            var refusal = context.IsPatched(OneCollectionPatch)
                ? await CollectAsync(context, input, progress)
                : await CollectInThreeActivitiesAsync(context, input, progress);
            if (refusal is not null) return await FailAsync(context, input, new PaymentFailure(input.PaymentId, refusal, null), progress.Undo);

            progress.Enter(PaymentWorkflowStep.Settling);
            await context.CallActivityAsync<bool>(nameof(SettlePaymentActivity), input, input.Retry.ForwardStep());
            context.SetCustomStatus(PaymentWorkflowStep.Completed);
            return PaymentWorkflowStep.Completed;
        }
        catch (WorkflowTaskFailedException e)
        {
            return await FailAsync(context, input, new PaymentFailure(input.PaymentId, $"결제 처리 중 오류가 계속되었습니다: {e.FailureDetails.ErrorMessage}", progress.Step), progress.Undo);
        }
    }

    /// <summary>Capture, escrow and jobs' mark in one activity; the refusal (a declined card, jobs refusing) when it did not go through.</summary>
    private static async Task<string?> CollectAsync(WorkflowContext context, PaymentWorkflowInput input, Progress progress)
    {
        progress.Enter(PaymentWorkflowStep.Collecting);
        PaymentCollection collection;
        try
        {
            collection = await context.CallActivityAsync<PaymentCollection>(nameof(CollectPaymentActivity), input.PaymentId, input.Retry.ForwardStep());
        }
        catch (WorkflowTaskFailedException)
        {
            // No answer however often asked: the card may have been captured and escrow funded, so both are undone.
            progress.Undo.AddRange([nameof(CancelCaptureActivity), nameof(ReverseEscrowActivity)]);
            throw;
        }
        if (collection.Captured) progress.Undo.AddRange([nameof(CancelCaptureActivity), nameof(ReverseEscrowActivity)]);
        if (collection.Refusal is null) progress.Undo.Add(nameof(MarkApplicationUnpaidActivity));
        return collection.Refusal;
    }

    /// <summary>The path of instances started before <see cref="OneCollectionPatch"/>: capture, escrow and jobs' mark as three activities.</summary>
    private static async Task<string?> CollectInThreeActivitiesAsync(WorkflowContext context, PaymentWorkflowInput input, Progress progress)
    {
        var forward = input.Retry.ForwardStep();
        progress.Enter(PaymentWorkflowStep.Capturing);
        CaptureResult capture;
        try
        {
            capture = await context.CallActivityAsync<CaptureResult>(nameof(CapturePaymentActivity), input.PaymentId, forward);
        }
        catch (WorkflowTaskFailedException)
        {
            // No answer however often asked: the card may have been captured, so it is cancelled too.
            progress.Undo.Add(nameof(CancelCaptureActivity));
            throw;
        }
        if (!capture.Captured) return capture.DeclineReason ?? PaymentCollection.Declined;
        progress.Undo.Add(nameof(CancelCaptureActivity));

        progress.Enter(PaymentWorkflowStep.FundingEscrow);
        await context.CallActivityAsync<bool>(nameof(FundEscrowActivity), input.PaymentId, forward);
        progress.Undo.Add(nameof(ReverseEscrowActivity));

        progress.Enter(PaymentWorkflowStep.MarkingApplicationPaid);
        var marked = await context.CallActivityAsync<ApplicationMarkAnswer>(nameof(MarkApplicationPaidActivity), input.PaymentId, forward);
        if (!marked.Done) return marked.Refusal ?? PaymentCollection.JobsRefused;
        progress.Undo.Add(nameof(MarkApplicationUnpaidActivity));
        return null;
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

    /// <summary>The step the workflow is on (its custom status, and where it gave up if it fails) and the undo of each step done or possibly done, in order.</summary>
    private sealed class Progress(WorkflowContext context)
    {
        public List<string> Undo { get; } = [];

        public PaymentWorkflowStep Step { get; private set; }

        public void Enter(PaymentWorkflowStep step)
        {
            Step = step;
            context.SetCustomStatus(step);
        }
    }
}
