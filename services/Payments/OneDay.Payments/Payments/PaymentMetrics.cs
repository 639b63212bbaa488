using System.Diagnostics.Metrics;

namespace OneDay.Payments.Payments;

/// <summary>
/// Business metrics: every outcome a payment reaches (dashboards derive the payment success rate as
/// Completed / (Completed + Failed)) and the won amounts settled.
/// </summary>
public static class PaymentMetrics
{
    private static readonly Meter Meter = new("OneDay.Payments");

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>(
        "oneday.payments.outcomes", description: "Payments reaching each final status");

    private static readonly Counter<long> Settled = Meter.CreateCounter<long>(
        "oneday.payments.settled_krw", unit: "KRW", description: "Employer charges settled");

    public static void RecordOutcome(PaymentStatus status, long amountKrw)
    {
        Outcomes.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
        if (status == PaymentStatus.Completed) Settled.Add(amountKrw);
    }
}
