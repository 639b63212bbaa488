using System.Diagnostics.Metrics;
using OneDay.Payments.Workflows;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Payments.WagePayments;

/// <summary>
/// Business metrics: every outcome a payment reaches (dashboards derive the payment success rate as
/// Completed / (Completed + Failed)), the won amounts settled, and how long from the employer's confirm
/// to the money settled in the worker's wallet, and the confirms turned away while the workflows were at their limit.
/// </summary>
public static class PaymentMetrics
{
    private static readonly Meter Meter = new("OneDay.Payments");

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>(
        "oneday.payments.outcomes", description: "Payments reaching each final status");

    private static readonly Counter<long> Settled = Meter.CreateCounter<long>(
        "oneday.payments.settled_krw", unit: "KRW", description: "Employer charges settled");

    private static readonly Histogram<double> ConfirmToSettled = Meter.CreateHistogram(
        "oneday.payments.confirm_to_settled", unit: "s", description: "From the employer's confirm to the wage settled in the worker's wallet",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> TurnedAway = Meter.CreateCounter<long>(
        "oneday.payments.confirms_turned_away", description: "Confirms answered 429 because PaymentWorkflow:MaxProcessing payments were processing");

    /// <summary>
    /// Creates the outcome series at zero once the app runs: a rate over a counter born at one would miss
    /// the first payment, and the success rate would read "no data" until a second.
    /// </summary>
    public static void Declare()
    {
        foreach (var status in new[] { PaymentStatus.Completed, PaymentStatus.Failed, PaymentStatus.Refunded }) Outcomes.Add(0, Status(status));
        Settled.Add(0);
        TurnedAway.Add(0);
        SagaMetrics.Declare(PaymentWorkflow.SagaKind);
    }

    public static void RecordOutcome(PaymentStatus status, long amountKrw)
    {
        Outcomes.Add(1, Status(status));
        if (status == PaymentStatus.Completed) Settled.Add(amountKrw);
    }

    public static void RecordTurnedAway() => TurnedAway.Add(1);

    public static void RecordSettled(TimeSpan sinceConfirm) => ConfirmToSettled.Record(Math.Max(0, sinceConfirm.TotalSeconds));

    private static KeyValuePair<string, object?> Status(PaymentStatus status) => new("status", status.ToString());
}
