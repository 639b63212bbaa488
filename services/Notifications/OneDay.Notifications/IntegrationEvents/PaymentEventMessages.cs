using System.Globalization;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Payments;
using OneDay.Notifications.Data;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>What employers and workers are told as money moves: a shift paid or not, wages settled and withdrawn,
/// a tax filing due.</summary>
public static class PaymentEventMessages
{
    public static async Task PaymentCompletedAsync(IntegrationEventContext<PaymentCompleted, NotificationsDbContext> context)
    {
        var e = context.Event;
        var title = await ApplicationPartiesReadModel.JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken);
        await context.NotifyAsync(e.EmployerId, NotificationKind.PaymentCompleted,
            new() { ["jobTitle"] = title, ["amountLabel"] = "결제 금액", ["amount"] = NotificationTemplates.Won(e.AmountKrw) }, "/payments/history");
        await context.NotifyAsync(e.WorkerId, NotificationKind.PaymentCompleted,
            new() { ["jobTitle"] = title, ["amountLabel"] = "지갑 입금액", ["amount"] = NotificationTemplates.Won(e.AmountKrw - e.FeeKrw) }, "/payments/wallet");
    }

    public static async Task PaymentFailedAsync(IntegrationEventContext<PaymentFailed, NotificationsDbContext> context)
    {
        var e = context.Event;
        var title = await ApplicationPartiesReadModel.JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken);
        await context.NotifyAsync(e.EmployerId, NotificationKind.PaymentFailed, new() { ["jobTitle"] = title, ["reason"] = e.Reason }, "/payments/history");
    }

    public static Task SettlementCreatedAsync(IntegrationEventContext<SettlementCreated, NotificationsDbContext> context) =>
        context.NotifyAsync(context.Event.WorkerId, NotificationKind.SettlementCreated,
            new() { ["amount"] = NotificationTemplates.Won(context.Event.NetAmountKrw) }, "/payments/wallet");

    public static Task WithdrawalRequestedAsync(IntegrationEventContext<WithdrawalRequested, NotificationsDbContext> context) =>
        context.NotifyAsync(context.Event.WorkerId, NotificationKind.WithdrawalRequested,
            new() { ["amount"] = NotificationTemplates.Won(context.Event.AmountKrw) }, "/payments/wallet");

    public static Task WithdrawalCompletedAsync(IntegrationEventContext<WithdrawalCompleted, NotificationsDbContext> context) =>
        context.NotifyAsync(context.Event.WorkerId, NotificationKind.WithdrawalCompleted,
            new() { ["amount"] = NotificationTemplates.Won(context.Event.AmountKrw) }, "/payments/wallet");

    public static Task FilingDeadlineApproachingAsync(IntegrationEventContext<FilingDeadlineApproaching, NotificationsDbContext> context)
    {
        var e = context.Event;
        var month = DateOnly.ParseExact(e.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return context.NotifyAsync(e.EmployerId, NotificationKind.FilingDeadlineApproaching, new()
        {
            ["filing"] = NotificationTemplates.Filing(e.Filing),
            ["month"] = month.ToString("yyyy년 M월", NotificationTemplates.Korean),
            ["dueOn"] = NotificationTemplates.KoreanDate(e.DueOn),
            ["workers"] = e.Workers.ToString(CultureInfo.InvariantCulture),
            ["missing"] = NotificationTemplates.MissingResidentNumbers(e.WorkersMissingResidentNumber),
        }, $"/payments/statements/{e.Month}");
    }
}
