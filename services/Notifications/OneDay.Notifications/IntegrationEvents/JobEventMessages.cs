using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Users;
using OneDay.Notifications.Data;
using OneDay.Notifications.Sending;
using OneDay.Notifications.Templates;
using OneDay.Persistence.Inbox;

namespace OneDay.Notifications.IntegrationEvents;

/// <summary>
/// What the two sides of an application are told as it is decided, matched, worked and rated. On the shift, the
/// side that did not write a time on the record hears of it; the worker hears the record that stood or was
/// disputed; the rated side hears of a rating (the workflow calls notifications for none of these).
/// </summary>
public static class JobEventMessages
{
    /// <summary>The web page where a worker follows their matched shifts (their applications), attendance and ratings included.</summary>
    private const string WorkerShiftsLink = "/applications";

    public static Task ApplicationRejectedAsync(IntegrationEventContext<ApplicationRejected, NotificationsDbContext> context)
    {
        var e = context.Event;
        return context.NotifyAsync(e.WorkerId, NotificationKind.ApplicationRejected,
            new() { ["jobTitle"] = e.JobTitle, ["reason"] = RejectionReasons.Describe(e.Outcome, e.Reason) }, $"/jobs/{e.JobId}");
    }

    /// <summary>The side that cancelled knows; the other is told (both, when the platform cancelled). A worker cancelled
    /// late by the employer hears of the pay owed.</summary>
    public static async Task ApplicationCancelledAsync(IntegrationEventContext<ApplicationCancelled, NotificationsDbContext> context)
    {
        var e = context.Event;
        var values = new Dictionary<string, string> { ["jobTitle"] = e.JobTitle, ["reason"] = RejectionReasons.Describe("Cancelled", e.Reason) };
        foreach (var userId in new[] { e.WorkerId, e.EmployerId }.Where(id => id != e.CancelledBy))
        {
            if (userId == e.WorkerId && e.CancellationPayKrw > 0)
            {
                await context.NotifyAsync(userId, NotificationKind.ApplicationCancelledWithPay,
                    new(values) { ["amount"] = NotificationTemplates.Won(e.CancellationPayKrw) }, $"/jobs/{e.JobId}");
                continue;
            }
            await context.NotifyAsync(userId, NotificationKind.ApplicationCancelled, values, $"/jobs/{e.JobId}");
        }
    }

    public static async Task ApplicationNoShowAsync(IntegrationEventContext<ApplicationNoShow, NotificationsDbContext> context)
    {
        var e = context.Event;
        foreach (var userId in new[] { e.WorkerId, e.EmployerId })
        {
            await context.NotifyAsync(userId, NotificationKind.ApplicationNoShow, new() { ["jobTitle"] = e.JobTitle }, $"/jobs/{e.JobId}");
        }
    }

    public static Task WorkerCheckedInAsync(IntegrationEventContext<WorkerCheckedIn, NotificationsDbContext> context)
    {
        var e = context.Event;
        if (e.SetByEmployer) return TimeSetByEmployerAsync(context, e.WorkerId, e.JobTitle, "출근", e.CheckedInAt);
        var lateness = e.LateMinutes > 0 ? $"{e.LateMinutes}분 지각" : "정시";
        return context.NotifyAsync(e.EmployerId, NotificationKind.WorkerCheckedIn,
            new() { ["jobTitle"] = e.JobTitle, ["checkedInAt"] = NotificationTemplates.KoreaTime(e.CheckedInAt), ["lateness"] = lateness }, $"/jobs/{e.JobId}");
    }

    public static Task WorkerCheckedOutAsync(IntegrationEventContext<WorkerCheckedOut, NotificationsDbContext> context)
    {
        var e = context.Event;
        return e.SetByEmployer
            ? TimeSetByEmployerAsync(context, e.WorkerId, e.JobTitle, "퇴근", e.CheckedOutAt)
            : context.NotifyAsync(e.EmployerId, NotificationKind.WorkerCheckedOut,
                new() { ["jobTitle"] = e.JobTitle, ["checkedOutAt"] = NotificationTemplates.KoreaTime(e.CheckedOutAt) }, $"/jobs/{e.JobId}");
    }

    public static Task AttendanceConfirmedAsync(IntegrationEventContext<AttendanceConfirmed, NotificationsDbContext> context)
    {
        var e = context.Event;
        return context.NotifyAsync(e.WorkerId, NotificationKind.AttendanceConfirmed, new()
        {
            ["jobTitle"] = e.JobTitle,
            ["how"] = e.ConfirmedByEmployer ? "사업주 확인으로" : "확인 기한이 지나",
            ["checkedInAt"] = NotificationTemplates.KoreaTime(e.CheckedInAt),
            ["checkedOutAt"] = NotificationTemplates.KoreaTime(e.CheckedOutAt),
            ["worked"] = NotificationTemplates.Duration(e.MinutesWorked),
        }, WorkerShiftsLink);
    }

    public static Task AttendanceDisputedAsync(IntegrationEventContext<AttendanceDisputed, NotificationsDbContext> context) =>
        context.NotifyAsync(context.Event.WorkerId, NotificationKind.AttendanceDisputed,
            new() { ["jobTitle"] = context.Event.JobTitle, ["reason"] = context.Event.Reason }, WorkerShiftsLink);

    public static Task RatingGivenAsync(IntegrationEventContext<RatingGiven, NotificationsDbContext> context)
    {
        var e = context.Event;
        var byEmployer = e.RaterRole == UserRole.Employer;
        return context.NotifyAsync(e.RateeId, NotificationKind.RatingGiven, new()
        {
            ["rater"] = byEmployer ? "사업주" : "근무자",
            ["jobTitle"] = e.JobTitle,
            ["rating"] = e.Changed ? $"남긴 별점을 {e.Stars}점으로 고쳤습니다." : $"별점 {e.Stars}점을 남겼습니다.",
        }, byEmployer ? WorkerShiftsLink : $"/jobs/{e.JobId}");
    }

    /// <summary>An acceptance arrives once, as job-matched: the worker is told it was accepted, and both sides of the match.</summary>
    public static async Task JobMatchedAsync(IntegrationEventContext<JobMatched, NotificationsDbContext> context)
    {
        var e = context.Event;
        await context.NotifyAsync(e.WorkerId, NotificationKind.ApplicationAccepted, new() { ["jobTitle"] = e.JobTitle }, $"/jobs/{e.JobId}");
        var values = new Dictionary<string, string> { ["jobTitle"] = e.JobTitle, ["startsAt"] = NotificationTemplates.KoreaTime(e.StartsAt) };
        await context.NotifyAsync(e.WorkerId, NotificationKind.JobMatched, values, $"/jobs/{e.JobId}");
        await context.NotifyAsync(e.EmployerId, NotificationKind.JobMatched, values, $"/jobs/{e.JobId}");
    }

    public static async Task JobCompletedAsync(IntegrationEventContext<JobCompleted, NotificationsDbContext> context)
    {
        var e = context.Event;
        var values = new Dictionary<string, string>
        {
            ["jobTitle"] = await ApplicationPartiesReadModel.JobTitleAsync(context.Db, e.ApplicationId, context.CancellationToken),
            ["pay"] = e.WageUnit == "Hourly"
                ? $"시급 {NotificationTemplates.Won(e.WageKrw)}원 × {NotificationTemplates.Duration(e.MinutesWorked)}"
                : $"일당 {NotificationTemplates.Won(e.WageKrw)}원",
        };
        // Completed from the attendance record, the worker hears it once: from attendance-confirmed, with the record.
        if (!e.FromAttendanceRecord) await context.NotifyAsync(e.WorkerId, NotificationKind.JobCompleted, values, $"/jobs/{e.JobId}");
        await context.NotifyAsync(e.EmployerId, NotificationKind.JobCompleted, values, $"/jobs/{e.JobId}");
    }

    /// <summary>The employer wrote an arrival or departure (<paramref name="which"/>: 출근, 퇴근) by hand: the worker, who did not, is told.</summary>
    private static Task<NotificationPlan> TimeSetByEmployerAsync<TEvent>(IntegrationEventContext<TEvent, NotificationsDbContext> context, Guid workerId,
        string jobTitle, string which, DateTimeOffset at)
        where TEvent : IntegrationEvent =>
        context.NotifyAsync(workerId, NotificationKind.AttendanceSetByEmployer,
            new() { ["jobTitle"] = jobTitle, ["which"] = which, ["at"] = NotificationTemplates.KoreaTime(at) }, WorkerShiftsLink);
}
