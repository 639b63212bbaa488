namespace OneDay.Payments.Idempotency;

/// <summary>A request body whose content decides whether a reused Idempotency-Key is the same request.</summary>
public interface IIdempotentRequest;
