using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Chat;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Payments;
using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Notifications.Notifications;
using OneDay.Notifications.Recipients;
using OneDay.Notifications.Sending;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Inbox;
using OneDay.Realtime;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>
/// Every event notifications consumes, each through the inbox: the notifications an event causes commit
/// with its handled EventId, so a redelivered event notifies nobody twice.
/// </summary>
public static class Subscriptions
{
    private const string UnknownJobTitle = "지원하신 공고";

    /// <summary>The web page where a worker follows their matched shifts (their applications), attendance and ratings included.</summary>
    private const string WorkerShiftsLink = "/applications";

    public static void MapSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapIntegrationEventHandler<UserCreated, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var recipient = await RecipientAsync(context.Db, e.UserId, context.CancellationToken);
            recipient.Email = e.Email;
            recipient.DisplayName = e.DisplayName;
            await NotifyAsync(context, e.UserId, NotificationKind.Welcome, new() { ["name"] = e.DisplayName }, "/jobs");
        });
        app.MapIntegrationEventHandler<UserUpdated, NotificationsDbContext>(async context =>
        {
            var recipient = await RecipientAsync(context.Db, context.Event.UserId, context.CancellationToken);
            recipient.DisplayName = context.Event.DisplayName;
            recipient.PhoneNumber = context.Event.PhoneNumber;
        });
        app.MapIntegrationEventHandler<UserDeleted, NotificationsDbContext>(async context =>
        {
            await ForgetUserAsync(context.Db, context.Event.UserId, context.CancellationToken);
            context.CloseConnectionsOf(context.Event.UserId);
        });
        app.MapIntegrationEventHandler<UserSuspended, NotificationsDbContext>(context =>
        {
            context.CloseConnectionsOf(context.Event.UserId);
            return Task.CompletedTask;
        });

        // The employer hears of a new application from the job-application workflow's call (POST /internal/notifications/send), not from an event.
        app.MapIntegrationEventHandler<ApplicationRejected, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            return NotifyAsync(context, e.WorkerId, NotificationKind.ApplicationRejected,
                new() { ["jobTitle"] = e.JobTitle, ["reason"] = RejectionReasons.Describe(e.Outcome, e.Reason) }, $"/jobs/{e.JobId}");
        });
        app.MapIntegrationEventHandler<ApplicationCancelled, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var values = new Dictionary<string, string> { ["jobTitle"] = e.JobTitle, ["reason"] = RejectionReasons.Describe("Cancelled", e.Reason) };
            // The side that cancelled knows; the other is told (both, when the platform cancelled). A worker cancelled
            // late by the employer hears of the pay owed.
            foreach (var userId in new[] { e.WorkerId, e.EmployerId }.Where(id => id != e.CancelledBy))
            {
                if (userId == e.WorkerId && e.CancellationPayKrw > 0)
                {
                    await NotifyAsync(context, userId, NotificationKind.ApplicationCancelledWithPay,
                        new(values) { ["amount"] = NotificationTemplates.Won(e.CancellationPayKrw) }, $"/jobs/{e.JobId}");
                    continue;
                }
                await NotifyAsync(context, userId, NotificationKind.ApplicationCancelled, values, $"/jobs/{e.JobId}");
            }
        });
        app.MapIntegrationEventHandler<ApplicationNoShow, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            foreach (var userId in new[] { e.WorkerId, e.EmployerId })
            {
                await NotifyAsync(context, userId, NotificationKind.ApplicationNoShow, new() { ["jobTitle"] = e.JobTitle }, $"/jobs/{e.JobId}");
            }
        });
        // The shift: the side that did not write a time on the record hears of it; the worker hears the record that stood
        // or was disputed; the rated side of a rating (the workflow calls notifications for none of these).
        app.MapIntegrationEventHandler<WorkerCheckedIn, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            if (e.SetByEmployer) return TimeSetByEmployerAsync(context, e.WorkerId, e.JobTitle, "출근", e.CheckedInAt);
            var lateness = e.LateMinutes > 0 ? $"{e.LateMinutes}분 지각" : "정시";
            return NotifyAsync(context, e.EmployerId, NotificationKind.WorkerCheckedIn,
                new() { ["jobTitle"] = e.JobTitle, ["checkedInAt"] = NotificationTemplates.KoreaTime(e.CheckedInAt), ["lateness"] = lateness }, $"/jobs/{e.JobId}");
        });
        app.MapIntegrationEventHandler<WorkerCheckedOut, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            return e.SetByEmployer
                ? TimeSetByEmployerAsync(context, e.WorkerId, e.JobTitle, "퇴근", e.CheckedOutAt)
                : NotifyAsync(context, e.EmployerId, NotificationKind.WorkerCheckedOut,
                    new() { ["jobTitle"] = e.JobTitle, ["checkedOutAt"] = NotificationTemplates.KoreaTime(e.CheckedOutAt) }, $"/jobs/{e.JobId}");
        });
        app.MapIntegrationEventHandler<AttendanceConfirmed, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            return NotifyAsync(context, e.WorkerId, NotificationKind.AttendanceConfirmed, new()
            {
                ["jobTitle"] = e.JobTitle,
                ["how"] = e.ConfirmedByEmployer ? "사업주 확인으로" : "확인 기한이 지나",
                ["checkedInAt"] = NotificationTemplates.KoreaTime(e.CheckedInAt),
                ["checkedOutAt"] = NotificationTemplates.KoreaTime(e.CheckedOutAt),
                ["worked"] = NotificationTemplates.Duration(e.MinutesWorked),
            }, WorkerShiftsLink);
        });
        app.MapIntegrationEventHandler<AttendanceDisputed, NotificationsDbContext>(context =>
            NotifyAsync(context, context.Event.WorkerId, NotificationKind.AttendanceDisputed,
                new() { ["jobTitle"] = context.Event.JobTitle, ["reason"] = context.Event.Reason }, WorkerShiftsLink));
        app.MapIntegrationEventHandler<RatingGiven, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            var byEmployer = e.RaterRole == UserRole.Employer;
            return NotifyAsync(context, e.RateeId, NotificationKind.RatingGiven, new()
            {
                ["rater"] = byEmployer ? "사업주" : "근무자",
                ["jobTitle"] = e.JobTitle,
                ["rating"] = e.Changed ? $"남긴 별점을 {e.Stars}점으로 고쳤습니다." : $"별점 {e.Stars}점을 남겼습니다.",
            }, byEmployer ? WorkerShiftsLink : $"/jobs/{e.JobId}");
        });

        // An acceptance arrives once, as job-matched: the worker is told it was accepted, and both sides of the match.
        app.MapIntegrationEventHandler<JobMatched, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            await RememberPartiesAsync(context.Db, e.ApplicationId, e.JobId, e.WorkerId, e.EmployerId, e.JobTitle, context.CancellationToken);
            await NotifyAsync(context, e.WorkerId, NotificationKind.ApplicationAccepted, new() { ["jobTitle"] = e.JobTitle }, $"/jobs/{e.JobId}");
            var values = new Dictionary<string, string> { ["jobTitle"] = e.JobTitle, ["startsAt"] = NotificationTemplates.KoreaTime(e.StartsAt) };
            await NotifyAsync(context, e.WorkerId, NotificationKind.JobMatched, values, $"/jobs/{e.JobId}");
            await NotifyAsync(context, e.EmployerId, NotificationKind.JobMatched, values, $"/jobs/{e.JobId}");
        });
        app.MapIntegrationEventHandler<JobCompleted, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var values = new Dictionary<string, string>
            {
                ["jobTitle"] = await JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken),
                ["pay"] = e.WageUnit == "Hourly"
                    ? $"시급 {NotificationTemplates.Won(e.WageKrw)}원 × {NotificationTemplates.Duration(e.MinutesWorked)}"
                    : $"일당 {NotificationTemplates.Won(e.WageKrw)}원",
            };
            // Completed from the attendance record, the worker hears it once: from attendance-confirmed, with the record.
            if (!e.FromAttendanceRecord) await NotifyAsync(context, e.WorkerId, NotificationKind.JobCompleted, values, $"/jobs/{e.JobId}");
            await NotifyAsync(context, e.EmployerId, NotificationKind.JobCompleted, values, $"/jobs/{e.JobId}");
        });

        app.MapIntegrationEventHandler<PaymentCompleted, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var title = await JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken);
            await NotifyAsync(context, e.EmployerId, NotificationKind.PaymentCompleted,
                new() { ["jobTitle"] = title, ["amountLabel"] = "결제 금액", ["amount"] = NotificationTemplates.Won(e.AmountKrw) }, "/payments/history");
            await NotifyAsync(context, e.WorkerId, NotificationKind.PaymentCompleted,
                new() { ["jobTitle"] = title, ["amountLabel"] = "지갑 입금액", ["amount"] = NotificationTemplates.Won(e.AmountKrw - e.FeeKrw) }, "/payments/wallet");
        });
        app.MapIntegrationEventHandler<PaymentFailed, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var title = await JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken);
            await NotifyAsync(context, e.EmployerId, NotificationKind.PaymentFailed, new() { ["jobTitle"] = title, ["reason"] = e.Reason }, "/payments/history");
        });
        app.MapIntegrationEventHandler<SettlementCreated, NotificationsDbContext>(context =>
            NotifyAsync(context, context.Event.WorkerId, NotificationKind.SettlementCreated, new() { ["amount"] = NotificationTemplates.Won(context.Event.NetAmountKrw) }, "/payments/wallet"));
        app.MapIntegrationEventHandler<WithdrawalRequested, NotificationsDbContext>(context =>
            NotifyAsync(context, context.Event.WorkerId, NotificationKind.WithdrawalRequested, new() { ["amount"] = NotificationTemplates.Won(context.Event.AmountKrw) }, "/payments/wallet"));
        app.MapIntegrationEventHandler<WithdrawalCompleted, NotificationsDbContext>(context =>
            NotifyAsync(context, context.Event.WorkerId, NotificationKind.WithdrawalCompleted, new() { ["amount"] = NotificationTemplates.Won(context.Event.AmountKrw) }, "/payments/wallet"));
        app.MapIntegrationEventHandler<FilingDeadlineApproaching, NotificationsDbContext>(context =>
        {
            var e = context.Event;
            var month = DateOnly.ParseExact(e.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return NotifyAsync(context, e.EmployerId, NotificationKind.FilingDeadlineApproaching, new()
            {
                ["filing"] = NotificationTemplates.Filing(e.Filing),
                ["month"] = month.ToString("yyyy년 M월", NotificationTemplates.Korean),
                ["dueOn"] = NotificationTemplates.KoreanDate(e.DueOn),
                ["workers"] = e.Workers.ToString(CultureInfo.InvariantCulture),
                ["missing"] = NotificationTemplates.MissingResidentNumbers(e.WorkersMissingResidentNumber),
            }, $"/payments/statements/{e.Month}");
        });

        // Chat names as recipients only the members its hub does not have connected (it owns presence).
        app.MapIntegrationEventHandler<ChatMessageSent, NotificationsDbContext>(async context =>
        {
            var e = context.Event;
            var preview = e.Preview.Length > 100 ? e.Preview[..100] + "…" : e.Preview;
            foreach (var userId in e.RecipientIds.Distinct().Where(id => id != e.SenderId))
            {
                await NotifyAsync(context, userId, NotificationKind.ChatMessage, new() { ["preview"] = preview }, $"/chat/rooms/{e.RoomId}");
            }
        });
    }

    private static Task<NotificationPlan> NotifyAsync<TEvent>(IntegrationEventContext<TEvent, NotificationsDbContext> context, Guid userId, NotificationKind kind,
        Dictionary<string, string> values, string link)
        where TEvent : IntegrationEvent =>
        context.Services.GetRequiredService<NotificationCenter>()
            .PlanAsync(new OutgoingNotification(userId, kind, NotificationTemplates.Render(kind, values, link)), context.CancellationToken);

    /// <summary>The employer wrote an arrival or departure (<paramref name="which"/>: 출근, 퇴근) by hand: the worker, who did not, is told.</summary>
    private static Task<NotificationPlan> TimeSetByEmployerAsync<TEvent>(IntegrationEventContext<TEvent, NotificationsDbContext> context, Guid workerId,
        string jobTitle, string which, DateTimeOffset at)
        where TEvent : IntegrationEvent =>
        NotifyAsync(context, workerId, NotificationKind.AttendanceSetByEmployer,
            new() { ["jobTitle"] = jobTitle, ["which"] = which, ["at"] = NotificationTemplates.KoreaTime(at) }, WorkerShiftsLink);

    private static async Task<Recipient> RecipientAsync(NotificationsDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        if (await db.Recipients.FindAsync([userId], cancellationToken) is { } known) return known;
        var recipient = new Recipient { UserId = userId };
        db.Recipients.Add(recipient);
        return recipient;
    }

    private static async Task RememberPartiesAsync(NotificationsDbContext db, Guid applicationId, Guid jobId, Guid workerId, Guid employerId, string jobTitle,
        CancellationToken cancellationToken)
    {
        if (await db.ApplicationParties.FindAsync([applicationId], cancellationToken) is { } known)
        {
            known.JobTitle = jobTitle;
            return;
        }
        db.ApplicationParties.Add(new ApplicationParties { ApplicationId = applicationId, JobId = jobId, WorkerId = workerId, EmployerId = employerId, JobTitle = jobTitle });
    }

    private static async Task<string> JobTitleAsync(NotificationsDbContext db, Guid applicationId, CancellationToken cancellationToken) =>
        (await db.ApplicationParties.FindAsync([applicationId], cancellationToken))?.JobTitle ?? UnknownJobTitle;

    /// <summary>A deleted account leaves nothing here: its address, its devices, its list, its choices and anything not yet sent.</summary>
    private static async Task ForgetUserAsync(NotificationsDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        await db.Recipients.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Deliveries.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.ChannelPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.QuietHours.Where(q => q.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.PushDevices.Where(d => d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
