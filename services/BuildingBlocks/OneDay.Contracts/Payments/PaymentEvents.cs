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

/// <summary>
/// A monthly filing for day workers falls due soon and the employer has workers to file for it: notifications reminds
/// them. <paramref name="Filing"/> is <see cref="DailyWageWithholding"/> (일용근로소득 지급명세서) or
/// <see cref="EmploymentInsurance"/> (근로내용확인신고); <paramref name="Month"/> the month filed (yyyy-MM).
/// </summary>
public sealed record FilingDeadlineApproaching(
    Guid EmployerId, string Filing, string Month, DateOnly DueOn, int Workers, int WorkersMissingResidentNumber) : IntegrationEvent
{
    public const string DailyWageWithholding = "daily-wage-withholding";
    public const string EmploymentInsurance = "employment-insurance";
}
