using Dapr.Workflow;

namespace OneDay.Payments.Workflows;

/// <summary>An activity of the payment workflows: one <see cref="PaymentSteps"/> method, in the activity's own DI scope.</summary>
public abstract class PaymentActivity<TInput, TOutput>(PaymentSteps steps) : WorkflowActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(WorkflowActivityContext context, TInput input) => RunAsync(steps, input, context.CancellationToken);

    protected abstract Task<TOutput> RunAsync(PaymentSteps steps, TInput input, CancellationToken cancellationToken);
}
