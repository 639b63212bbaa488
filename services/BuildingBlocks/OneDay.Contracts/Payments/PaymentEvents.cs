namespace OneDay.Contracts.Payments;

/// <summary>The employer was charged; the worker's share (net of the platform fee) is in their wallet.</summary>
public sealed record PaymentCompleted(Guid PaymentId, Guid ApplicationId, Guid JobId, Guid EmployerId, Guid WorkerId, long AmountKrw, long FeeKrw)
    : IntegrationEvent;

/// <summary>The payment did not go through and everything it had done was undone; the employer (the payer) should try again.</summary>
public sealed record PaymentFailed(Guid PaymentId, Guid ApplicationId, Guid JobId, Guid EmployerId, Guid WorkerId, string Reason) : IntegrationEvent;

public sealed record PaymentRefunded(Guid PaymentId, Guid ApplicationId, Guid JobId, long AmountKrw, string Reason) : IntegrationEvent;

public sealed record SettlementCreated(Guid SettlementId, Guid PaymentId, Guid WorkerId, long NetAmountKrw) : IntegrationEvent;

public sealed record WithdrawalRequested(Guid WithdrawalId, Guid WorkerId, long AmountKrw) : IntegrationEvent;

public sealed record WithdrawalCompleted(Guid WithdrawalId, Guid WorkerId, long AmountKrw) : IntegrationEvent;
