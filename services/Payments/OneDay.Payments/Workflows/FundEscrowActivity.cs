using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Posts the employer's funding into escrow.</summary>
public sealed class FundEscrowActivity(PaymentSteps steps) : PaymentActivity<Guid, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, Guid paymentId, CancellationToken cancellationToken)
    {
        await steps.FundEscrowAsync(paymentId, cancellationToken);
        return true;
    }
}
