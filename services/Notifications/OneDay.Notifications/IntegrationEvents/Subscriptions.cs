using OneDay.Contracts.Chat;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Payments;
using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>
/// Every event notifications consumes, each through the inbox: the notifications an event causes commit
/// with its handled EventId, so a redelivered event notifies nobody twice. An event that also feeds a read
/// model updates it first, so the messages it causes see the recipient or job title it brought.
/// </summary>
public static class Subscriptions
{
    public static void MapSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapIntegrationEventHandler<UserCreated, NotificationsDbContext>(async context =>
        {
            await RecipientReadModel.RecordAsync(context.Db, context.Event, context.CancellationToken);
            await UserEventMessages.UserCreatedAsync(context);
        });
        app.MapIntegrationEventHandler<UserUpdated, NotificationsDbContext>(context =>
            RecipientReadModel.UpdateAsync(context.Db, context.Event, context.CancellationToken));
        app.MapIntegrationEventHandler<UserDeleted, NotificationsDbContext>(ClosedAccounts.EraseAsync);
        app.MapIntegrationEventHandler<UserSuspended, NotificationsDbContext>(ClosedAccounts.DisconnectAsync);

        // The employer hears of a new application from the job-application workflow's call (POST /internal/notifications/send), not from an event.
        app.MapIntegrationEventHandler<ApplicationRejected, NotificationsDbContext>(JobEventMessages.ApplicationRejectedAsync);
        app.MapIntegrationEventHandler<ApplicationCancelled, NotificationsDbContext>(JobEventMessages.ApplicationCancelledAsync);
        app.MapIntegrationEventHandler<ApplicationNoShow, NotificationsDbContext>(JobEventMessages.ApplicationNoShowAsync);
        app.MapIntegrationEventHandler<WorkerCheckedIn, NotificationsDbContext>(JobEventMessages.WorkerCheckedInAsync);
        app.MapIntegrationEventHandler<WorkerCheckedOut, NotificationsDbContext>(JobEventMessages.WorkerCheckedOutAsync);
        app.MapIntegrationEventHandler<AttendanceConfirmed, NotificationsDbContext>(JobEventMessages.AttendanceConfirmedAsync);
        app.MapIntegrationEventHandler<AttendanceDisputed, NotificationsDbContext>(JobEventMessages.AttendanceDisputedAsync);
        app.MapIntegrationEventHandler<RatingGiven, NotificationsDbContext>(JobEventMessages.RatingGivenAsync);
        app.MapIntegrationEventHandler<JobMatched, NotificationsDbContext>(async context =>
        {
            await ApplicationPartiesReadModel.RememberAsync(context.Db, context.Event, context.CancellationToken);
            await JobEventMessages.JobMatchedAsync(context);
        });
        app.MapIntegrationEventHandler<JobCompleted, NotificationsDbContext>(JobEventMessages.JobCompletedAsync);

        app.MapIntegrationEventHandler<PaymentCompleted, NotificationsDbContext>(PaymentEventMessages.PaymentCompletedAsync);
        app.MapIntegrationEventHandler<PaymentFailed, NotificationsDbContext>(PaymentEventMessages.PaymentFailedAsync);
        app.MapIntegrationEventHandler<SettlementCreated, NotificationsDbContext>(PaymentEventMessages.SettlementCreatedAsync);
        app.MapIntegrationEventHandler<WithdrawalRequested, NotificationsDbContext>(PaymentEventMessages.WithdrawalRequestedAsync);
        app.MapIntegrationEventHandler<WithdrawalCompleted, NotificationsDbContext>(PaymentEventMessages.WithdrawalCompletedAsync);
        app.MapIntegrationEventHandler<FilingDeadlineApproaching, NotificationsDbContext>(PaymentEventMessages.FilingDeadlineApproachingAsync);

        app.MapIntegrationEventHandler<ChatMessageSent, NotificationsDbContext>(ChatEventMessages.ChatMessageSentAsync);
    }
}
