namespace OneDay.Payments.Workflows;

/// <summary>
/// What collecting a payment came to: <see cref="Captured"/> whether the card was captured (and escrow funded), and
/// <see cref="Refusal"/> why the payment cannot go on (the card declined, or jobs refusing to mark the application
/// paid), null when it can.
/// </summary>
public sealed record PaymentCollection(bool Captured, string? Refusal)
{
    public const string Declined = "결제가 거절되었습니다.";

    public const string JobsRefused = "jobs refused to mark the application paid";
}
