using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Settles escrow into the worker's wallet, the fee and the withholding accounts, and completes the payment.</summary>
public sealed class SettlePaymentActivity(PaymentSteps steps) : PaymentActivity<PaymentWorkflowInput, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentWorkflowInput input, CancellationToken cancellationToken)
    {
        await steps.SettleAsync(input.PaymentId, input.ConfirmedAt, cancellationToken);
        return true;
    }
}
