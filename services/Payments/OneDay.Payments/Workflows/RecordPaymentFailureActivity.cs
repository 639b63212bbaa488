using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Records the payment Failed and announces payment-failed, once.</summary>
public sealed class RecordPaymentFailureActivity(PaymentSteps steps) : PaymentActivity<PaymentFailure, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentFailure input, CancellationToken cancellationToken)
    {
        await steps.RecordFailureAsync(input, cancellationToken);
        return true;
    }
}
