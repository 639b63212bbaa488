namespace OneDay.Web.Payments;

// The payments API's shapes as this client reads them (enums arrive as their names).

/// <summary>A payment as its employer and worker see it: the employer pays <see cref="AmountKrw"/> (wage and fee), the worker gets <see cref="NetToWorkerKrw"/>.</summary>
public sealed record Payment(
    Guid Id, Guid ApplicationId, Guid JobId, Guid EmployerId, Guid WorkerId, string Status, long AmountKrw, long GrossWageKrw,
    long PlatformFeeKrw, long WithheldKrw, long NetToWorkerKrw, string? FailureReason, DateTimeOffset CreatedAt);

public sealed record Settlement(Guid Id, Guid PaymentId, long GrossWageKrw, long WithheldKrw, long NetAmountKrw, DateTimeOffset CreatedAt);

/// <summary>Employers get their payments, workers their settlements.</summary>
public sealed record PaymentHistoryPage(IReadOnlyList<Payment> Payments, IReadOnlyList<Settlement> Settlements, Guid? NextCursor);

/// <summary>What the sandbox PG hands back after checkout, for the server's confirm.</summary>
public sealed record CheckoutResult(Guid PaymentId, string OrderId, string PaymentKey, long AmountKrw);

public sealed record WalletPosting(long AmountKrw, string Description, DateTimeOffset At);

public sealed record Wallet(long AvailableKrw, long PendingKrw, IReadOnlyList<WalletPosting> RecentPostings);

public sealed record Withdrawal(Guid Id, long AmountKrw, string Status, string? PayoutAccount, string? FailureReason, DateTimeOffset RequestedAt);
