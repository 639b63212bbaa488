using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Has jobs mark the payment's application paid (done, or refused for good).</summary>
public sealed class MarkApplicationPaidActivity(PaymentSteps steps) : PaymentActivity<Guid, JobsAnswer>(steps)
{
    protected override Task<JobsAnswer> RunAsync(PaymentSteps steps, Guid paymentId, CancellationToken cancellationToken) => steps.MarkApplicationPaidAsync(paymentId, cancellationToken);
}
