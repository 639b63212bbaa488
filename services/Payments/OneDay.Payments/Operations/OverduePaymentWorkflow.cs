using OneDay.Payments.WagePayments;
using OneDay.Payments.Workflows;
using OneDay.ServiceDefaults.Workflows;

namespace OneDay.Payments.Operations;

/// <summary>
/// A payment still Processing (its <c>PaymentWorkflow</c>) or Refunding (its <c>PaymentRefundWorkflow</c>) longer than
/// it should be, and where that workflow stands; <paramref name="Workflow"/> is null when the sidecar has no instance.
/// </summary>
public sealed record OverduePaymentWorkflow(Guid PaymentId, PaymentStatus Status, DateTimeOffset CreatedAt, string WorkflowName, WorkflowStanding<PaymentWorkflowStep?>? Workflow);

/// <summary>
/// A page of overdue payment workflows, oldest payment first. A page may hold fewer than asked (payments confirmed
/// recently are looked at and left out); follow <see cref="NextCursor"/> until it is null.
/// </summary>
public sealed record OverduePaymentWorkflowsPage(IReadOnlyList<OverduePaymentWorkflow> Items, Guid? NextCursor);
