using System.ComponentModel.DataAnnotations;
using OneDay.Payments.Idempotency;
using OneDay.Payments.Workflows;

namespace OneDay.Payments.WagePayments;

public sealed record CreatePayment([Required] Guid ApplicationId) : IIdempotentRequest;

/// <summary>What the client got back from the PG after paying: the order, the PG's payment key and the amount paid.</summary>
public sealed record ConfirmPayment(
    [Required] Guid PaymentId,
    [Required, StringLength(200, MinimumLength = 1)] string PaymentKey,
    [Range(1, long.MaxValue)] long AmountKrw) : IIdempotentRequest;

public sealed record CancelPayment([Required] Guid PaymentId, [StringLength(200)] string? Reason) : IIdempotentRequest;

/// <summary>A payment as its employer and worker see it; <see cref="WorkflowStep"/> says where an in-flight payment stands (null otherwise, or before its workflow started).</summary>
public sealed record PaymentView(
    Guid Id, Guid ApplicationId, Guid JobId, Guid EmployerId, Guid WorkerId, string Status, long AmountKrw, long GrossWageKrw,
    long PlatformFeeKrw, long WithheldKrw, long NetToWorkerKrw, string ProviderOrderId, string? FailureReason, DateTimeOffset CreatedAt,
    PaymentWorkflowStep? WorkflowStep = null)
{
    public static PaymentView Of(Payment p) => new(
        p.Id, p.ApplicationId, p.JobId, p.EmployerId, p.WorkerId, p.Status.ToString(), p.AmountKrw, p.GrossWageKrw,
        p.PlatformFeeKrw, p.Breakdown.WithheldKrw, p.Breakdown.NetToWorkerKrw, p.ProviderOrderId, p.FailureReason, p.CreatedAt);
}

public sealed record SettlementView(Guid Id, Guid PaymentId, long GrossWageKrw, long WithheldKrw, long NetAmountKrw, DateTimeOffset CreatedAt)
{
    public static SettlementView Of(Settlement s) => new(s.Id, s.PaymentId, s.GrossWageKrw, s.WithheldKrw, s.NetAmountKrw, s.CreatedAt);
}

/// <summary>A page of history: employers see their payments, workers their settlements; <see cref="NextCursor"/> fetches the next.</summary>
public sealed record HistoryPage(IReadOnlyList<PaymentView> Payments, IReadOnlyList<SettlementView> Settlements, Guid? NextCursor);
