using OneDay.Payments.Fees;

namespace OneDay.Payments.WagePayments;

/// <summary>The employer's payment for one completed application, with its breakdown fixed at creation.</summary>
public sealed class Payment
{
    public Guid Id { get; init; }
    public Guid ApplicationId { get; init; }
    public Guid JobId { get; init; }
    public Guid EmployerId { get; init; }
    public Guid WorkerId { get; init; }
    public long GrossWageKrw { get; init; }
    public long PlatformFeeKrw { get; init; }
    public long IncomeTaxKrw { get; init; }
    public long LocalIncomeTaxKrw { get; init; }
    public required string ProviderOrderId { get; init; }
    public string? ProviderPaymentKey { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SettledAt { get; private set; }

    public PayBreakdown Breakdown => new(GrossWageKrw, PlatformFeeKrw, IncomeTaxKrw, LocalIncomeTaxKrw);

    public long AmountKrw => Breakdown.EmployerChargeKrw;

    public bool IsVisibleTo(Guid userId) => userId == EmployerId || userId == WorkerId;

    /// <summary>The employer reports having paid: from now on its workflow owns the payment.</summary>
    public string? BeginProcessing(string paymentKey)
    {
        if (Status != PaymentStatus.AwaitingPayment) return $"결제를 확인할 수 없는 상태입니다 ({Status}).";
        ProviderPaymentKey = paymentKey;
        Status = PaymentStatus.Processing;
        return null;
    }

    public string? Cancel()
    {
        if (Status != PaymentStatus.AwaitingPayment) return $"취소할 수 없는 상태입니다 ({Status}).";
        Status = PaymentStatus.Cancelled;
        return null;
    }

    public string? BeginRefund()
    {
        if (Status != PaymentStatus.Completed) return $"환불할 수 없는 상태입니다 ({Status}).";
        Status = PaymentStatus.Refunding;
        return null;
    }

    public void MarkRefunded() => Status = PaymentStatus.Refunded;

    public void Complete(DateTimeOffset now)
    {
        Status = PaymentStatus.Completed;
        SettledAt = now;
    }

    public void Fail(string reason)
    {
        Status = PaymentStatus.Failed;
        FailureReason = reason;
    }
}
