using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Returns escrow to the employer's funding account, if it was funded and not yet returned.</summary>
public sealed class ReverseEscrowActivity(PaymentSteps steps) : PaymentActivity<PaymentCompensation, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentCompensation input, CancellationToken cancellationToken)
    {
        await steps.ReverseEscrowAsync(input.PaymentId, cancellationToken);
        return true;
    }
}
