using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Captures the employer's card payment at the provider (payment id → captured or declined).</summary>
public sealed class CapturePaymentActivity(PaymentSteps steps) : PaymentActivity<Guid, CaptureResult>(steps)
{
    protected override Task<CaptureResult> RunAsync(PaymentSteps steps, Guid paymentId, CancellationToken cancellationToken) => steps.CaptureAsync(paymentId, cancellationToken);
}
