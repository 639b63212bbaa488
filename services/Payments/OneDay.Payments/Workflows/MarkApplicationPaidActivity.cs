using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Has jobs mark the payment's application paid (done, or refused for good).</summary>
public sealed class MarkApplicationPaidActivity(PaymentSteps steps) : PaymentActivity<Guid, ApplicationMarkAnswer>(steps)
{
    protected override Task<ApplicationMarkAnswer> RunAsync(PaymentSteps steps, Guid paymentId, CancellationToken cancellationToken) => steps.MarkApplicationPaidAsync(paymentId, cancellationToken);
}
