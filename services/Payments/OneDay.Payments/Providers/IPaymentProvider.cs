namespace OneDay.Payments.Providers;

/// <summary>The outcome of a server-side confirm: captured, or refused for a reason the employer can read.</summary>
public sealed record CaptureResult(bool Captured, string? DeclineReason)
{
    public static CaptureResult Success { get; } = new(true, null);

    public static CaptureResult Declined(string reason) => new(false, reason);
}

/// <summary>The provider did not answer (a timeout, a lost response): the outcome is unknown, try again.</summary>
public sealed class PaymentProviderUnavailableException(string message) : Exception(message);

/// <summary>
/// A card payment gateway as Korean PGs work: the server creates an order, the client pays it on the PG's
/// page and receives a payment key, the server confirms (the PG checks the amount), and may cancel or
/// refund (partially). Confirm and cancel are idempotent for one payment key, as the PGs' are.
/// </summary>
public interface IPaymentProvider
{
    Task<string> CreateOrderAsync(Guid paymentId, long amountKrw, CancellationToken cancellationToken);

    Task<CaptureResult> ConfirmAsync(string orderId, string paymentKey, long amountKrw, CancellationToken cancellationToken);

    /// <summary>Cancels a capture, wholly or partly; cancelling what was never captured does nothing.</summary>
    Task CancelAsync(string orderId, long amountKrw, string reason, CancellationToken cancellationToken);
}
