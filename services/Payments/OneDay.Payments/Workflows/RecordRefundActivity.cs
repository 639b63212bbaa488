using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Records the payment Refunded and announces payment-refunded, once.</summary>
public sealed class RecordRefundActivity(PaymentSteps steps) : PaymentActivity<PaymentRefundInput, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentRefundInput input, CancellationToken cancellationToken)
    {
        await steps.RecordRefundAsync(input.PaymentId, input.Reason, cancellationToken);
        return true;
    }
}
