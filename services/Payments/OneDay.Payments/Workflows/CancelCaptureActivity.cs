using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Cancels (or refunds) the card capture at the provider.</summary>
public sealed class CancelCaptureActivity(PaymentSteps steps) : PaymentActivity<PaymentCompensation, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentCompensation input, CancellationToken cancellationToken)
    {
        await steps.CancelCaptureAsync(input.PaymentId, input.Reason, cancellationToken);
        return true;
    }
}
