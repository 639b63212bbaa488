using OneDay.Payments.Clients;
using OneDay.Payments.Providers;

namespace OneDay.Payments.Workflows;

/// <summary>Has jobs take back the application's paid mark.</summary>
public sealed class MarkApplicationUnpaidActivity(PaymentSteps steps) : PaymentActivity<PaymentCompensation, bool>(steps)
{
    protected override async Task<bool> RunAsync(PaymentSteps steps, PaymentCompensation input, CancellationToken cancellationToken)
    {
        await steps.MarkApplicationUnpaidAsync(input.PaymentId, cancellationToken);
        return true;
    }
}
