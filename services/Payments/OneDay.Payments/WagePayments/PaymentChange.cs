namespace OneDay.Payments.WagePayments;

public enum PaymentChangeOutcome
{
    /// <summary>Done in the request (created, or cancelled before it was paid).</summary>
    Done,

    /// <summary>Recorded with the start of a workflow that does the rest (collection, refund).</summary>
    Started,

    NotFound,

    /// <summary>The request disagrees with the payment (an amount other than the one charged).</summary>
    Invalid,

    Refused,

    /// <summary>Not now: too many payments are processing. Nothing changed; the same request may be sent again later.</summary>
    Busy,
}

/// <summary>What became of an asked-for payment change: the payment as it now stands, or why nothing changed.</summary>
public sealed record PaymentChange(PaymentChangeOutcome Outcome, Payment? Payment = null, string? Refusal = null)
{
    public static PaymentChange NotFound { get; } = new(PaymentChangeOutcome.NotFound);

    public static PaymentChange Busy { get; } = new(PaymentChangeOutcome.Busy);

    public static PaymentChange Done(Payment payment) => new(PaymentChangeOutcome.Done, payment);

    public static PaymentChange Started(Payment payment) => new(PaymentChangeOutcome.Started, payment);

    public static PaymentChange Invalid(string why) => new(PaymentChangeOutcome.Invalid, Refusal: why);

    public static PaymentChange Refused(string why) => new(PaymentChangeOutcome.Refused, Refusal: why);
}
