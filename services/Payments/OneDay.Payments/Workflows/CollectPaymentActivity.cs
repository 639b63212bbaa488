namespace OneDay.Payments.Workflows;

/// <summary>Collects the employer's payment (payment id): captures the card, funds escrow and has jobs mark the application paid.</summary>
public sealed class CollectPaymentActivity(PaymentSteps steps) : PaymentActivity<Guid, PaymentCollection>(steps)
{
    protected override Task<PaymentCollection> RunAsync(PaymentSteps steps, Guid paymentId, CancellationToken cancellationToken) => steps.CollectAsync(paymentId, cancellationToken);
}
