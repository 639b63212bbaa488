using OneDay.Contracts;
using OneDay.Contracts.Chat;
using OneDay.Contracts.Jobs;
using OneDay.Contracts.Notifications;
using OneDay.Contracts.Payments;
using OneDay.Notifications.InApp;
using static OneDay.Notifications.Tests.NotificationsFixture;

namespace OneDay.Notifications.Tests;

/// <summary>Each event becomes the right notification for the right people, in Korean, on the kind's channels.</summary>
[Collection(NotificationsCollection.Name)]
public sealed class EventNotificationTests(NotificationsFixture fixture)
{
    private async Task<Notification> SingleAsync(Guid userId, NotificationKind kind)
    {
        var notifications = (await fixture.NotificationsOfAsync(userId)).Where(n => n.Kind == kind).ToList();
        return Assert.Single(notifications);
    }

    [Fact]
    public async Task User_created_welcomes_the_user_in_app_and_by_email()
    {
        var userId = await fixture.RegisteredUserAsync(displayName: "박지은");

        var welcome = await SingleAsync(userId, NotificationKind.Welcome);
        Assert.Equal("원데이에 오신 것을 환영합니다", welcome.Title);
        Assert.Contains("박지은님, 가입을 환영합니다", welcome.Body, StringComparison.Ordinal);
        var email = Assert.Single(await fixture.SentEventuallyAsync("email", userId));
        Assert.Contains("박지은님, 가입을 환영합니다", email, StringComparison.Ordinal);
        Assert.Empty(fixture.Sent("sms", userId));
        Assert.Empty(fixture.Sent("push", userId));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_notifies_once()
    {
        var workerId = Guid.NewGuid();
        var employerId = await fixture.RegisteredUserAsync();
        await fixture.RegisterDeviceAsync(employerId);
        var matched = Stamped(new JobMatched(Guid.NewGuid(), Guid.NewGuid(), employerId, workerId, "물류 상하차", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8)));

        await fixture.PublishAsync(matched);
        await fixture.PublishAsync(matched);

        await SingleAsync(employerId, NotificationKind.JobMatched);
        await fixture.SentEventuallyAsync("push", employerId);
        Assert.Single(fixture.Sent("push", employerId));
        Assert.Equal(2, (await fixture.NotificationsOfAsync(workerId)).Count);
    }

    [Fact]
    public async Task An_acceptance_arrives_once_as_job_matched_and_tells_the_worker_it_was_accepted_and_matched()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var jobId = Guid.NewGuid();

        await fixture.PublishAsync(Stamped(new JobMatched(jobId, Guid.NewGuid(), employerId, workerId, "행사 스태프", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        Assert.Equal("'행사 스태프' 지원이 수락되었습니다.", (await SingleAsync(workerId, NotificationKind.ApplicationAccepted)).Body);
        await SingleAsync(workerId, NotificationKind.JobMatched);
        Assert.Equal([NotificationKind.JobMatched], (await fixture.NotificationsOfAsync(employerId)).Select(n => n.Kind));
    }

    [Fact]
    public async Task Rejected_and_cancelled_applications_tell_the_right_side_with_the_title_they_carry()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var jobId = Guid.NewGuid();

        // Nothing about either application was heard before: the events carry the job's title.
        await fixture.PublishAsync(Stamped(new ApplicationRejected(Guid.NewGuid(), jobId, workerId, employerId, "행사 스태프", "모집이 마감되었습니다")));
        await fixture.PublishAsync(Stamped(new ApplicationCancelled(Guid.NewGuid(), jobId, workerId, employerId, "행사 스태프", workerId, "개인 사정")));

        Assert.Equal("'행사 스태프' 지원이 거절되었습니다. 사유: 모집이 마감되었습니다", (await SingleAsync(workerId, NotificationKind.ApplicationRejected)).Body);
        Assert.Equal("'행사 스태프' 지원이 취소되었습니다. 사유: 개인 사정", (await SingleAsync(employerId, NotificationKind.ApplicationCancelled)).Body);
        Assert.DoesNotContain(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.ApplicationCancelled);
    }

    [Fact]
    public async Task A_worker_the_employer_cancelled_late_hears_of_the_pay_owed()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();

        await fixture.PublishAsync(Stamped(new ApplicationCancelled(Guid.NewGuid(), Guid.NewGuid(), workerId, employerId, "행사 스태프", employerId, "행사 취소")
        {
            CancellationPayKrw = 48_000,
        }));

        Assert.Equal("'행사 스태프' 근무를 사업주가 시작 직전에 취소했습니다. 사유: 행사 취소. 예정 임금의 일부인 48,000원이 결제되면 지갑에 입금됩니다.",
            (await SingleAsync(workerId, NotificationKind.ApplicationCancelledWithPay)).Body);
        Assert.DoesNotContain(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.ApplicationCancelled);
        Assert.Empty(await fixture.NotificationsOfAsync(employerId));
    }

    [Fact]
    public async Task Job_matched_tells_both_sides_and_texts_the_worker_whose_phone_is_known()
    {
        var workerId = await fixture.RegisteredUserAsync(phoneNumber: "01012345678");
        var employerId = await fixture.RegisteredUserAsync();
        await fixture.RegisterDeviceAsync(employerId);
        var startsAt = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        await fixture.PublishAsync(Stamped(new JobMatched(Guid.NewGuid(), Guid.NewGuid(), employerId, workerId, "물류 상하차", startsAt, startsAt.AddHours(8))));

        var expected = "'물류 상하차' 근무가 확정되었습니다. 근무 시작: 11월 25일 (수) 09:00";
        Assert.Equal(expected, (await SingleAsync(workerId, NotificationKind.JobMatched)).Body);
        Assert.Equal(expected, (await SingleAsync(employerId, NotificationKind.JobMatched)).Body);
        var sms = Assert.Single(await fixture.SentEventuallyAsync("sms", workerId));
        Assert.Equal($"[원데이] 매칭이 확정되었습니다\n{expected}", sms);
        await fixture.SentEventuallyAsync("push", employerId);
        Assert.Empty(fixture.Sent("sms", employerId)); // no phone number known
    }

    [Fact]
    public async Task Job_completed_and_payments_tell_worker_and_employer_their_amounts()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        await fixture.PublishAsync(Stamped(new JobMatched(jobId, applicationId, employerId, workerId, "편의점 재고 정리", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        var hourlyWorkerId = Guid.NewGuid();
        var hourlyApplicationId = Guid.NewGuid();
        await fixture.PublishAsync(Stamped(new JobMatched(jobId, hourlyApplicationId, employerId, hourlyWorkerId, "편의점 재고 정리", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        await fixture.PublishAsync(Stamped(new JobCompleted(jobId, applicationId, employerId, workerId, 120_000, "Daily", 480, DateTimeOffset.UtcNow)));
        await fixture.PublishAsync(Stamped(new JobCompleted(jobId, hourlyApplicationId, employerId, hourlyWorkerId, 12_000, "Hourly", 510, DateTimeOffset.UtcNow)));
        await fixture.PublishAsync(Stamped(new PaymentCompleted(Guid.NewGuid(), applicationId, jobId, employerId, workerId, 120_000, 12_000)));

        Assert.Equal("'편의점 재고 정리' 근무가 완료 처리되었습니다 (일당 120,000원). 임금은 결제 후 지급됩니다.", (await SingleAsync(workerId, NotificationKind.JobCompleted)).Body);
        Assert.Equal("'편의점 재고 정리' 근무가 완료 처리되었습니다 (시급 12,000원 × 8시간 30분). 임금은 결제 후 지급됩니다.", (await SingleAsync(hourlyWorkerId, NotificationKind.JobCompleted)).Body);
        Assert.Equal("'편의점 재고 정리' 결제 금액 120,000원이 처리되었습니다.", (await SingleAsync(employerId, NotificationKind.PaymentCompleted)).Body);
        Assert.Equal("'편의점 재고 정리' 지갑 입금액 108,000원이 처리되었습니다.", (await SingleAsync(workerId, NotificationKind.PaymentCompleted)).Body);
    }

    [Fact]
    public async Task Work_completed_from_the_attendance_record_reaches_the_worker_once_with_the_record_and_the_employer_as_a_completion()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        var startsAt = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        await fixture.PublishAsync(Stamped(new JobMatched(jobId, applicationId, employerId, workerId, "물류 상하차", startsAt, startsAt.AddHours(9))));
        var beforeCompletion = (await fixture.NotificationsOfAsync(workerId)).Count;

        // One moment, committed together in jobs' outbox: the completion for payments and the record that stood.
        await fixture.PublishAsync(Stamped(new JobCompleted(jobId, applicationId, employerId, workerId, 12_000, "Hourly", 480, startsAt.AddHours(9),
            FromAttendanceRecord: true)));
        await fixture.PublishAsync(Stamped(new AttendanceConfirmed(applicationId, jobId, workerId, employerId, "물류 상하차",
            startsAt, startsAt.AddHours(9), 480, ConfirmedByEmployer: true)));

        var told = (await fixture.NotificationsOfAsync(workerId)).Skip(beforeCompletion).ToList();
        Assert.Equal(
            ["'물류 상하차' 근무가 완료되었습니다. 출퇴근 기록이 사업주 확인으로 확정되었습니다: 11월 25일 (수) 09:00 출근, 11월 25일 (수) 18:00 퇴근, 휴게시간을 뺀 근무 8시간. 임금은 이 기록으로 계산되어 결제 후 지급됩니다."],
            told.Select(n => n.Body));
        Assert.Equal("'물류 상하차' 근무가 완료 처리되었습니다 (시급 12,000원 × 8시간). 임금은 결제 후 지급됩니다.",
            (await SingleAsync(employerId, NotificationKind.JobCompleted)).Body);
    }

    [Fact]
    public async Task The_workers_scans_tell_the_employer_when_they_arrived_how_late_and_when_they_left()
    {
        var employerId = Guid.NewGuid();
        var (lateWorkerId, onTimeWorkerId) = (Guid.NewGuid(), Guid.NewGuid());
        var jobId = Guid.NewGuid();
        var startsAt = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        await fixture.PublishAsync(Stamped(new WorkerCheckedIn(Guid.NewGuid(), jobId, lateWorkerId, employerId, "물류 상하차", startsAt.AddMinutes(6).AddSeconds(5), 7, SetByEmployer: false)));
        await fixture.PublishAsync(Stamped(new WorkerCheckedIn(Guid.NewGuid(), jobId, onTimeWorkerId, employerId, "물류 상하차", startsAt.AddMinutes(-20), 0, SetByEmployer: false)));
        await fixture.PublishAsync(Stamped(new WorkerCheckedOut(Guid.NewGuid(), jobId, onTimeWorkerId, employerId, "물류 상하차", startsAt.AddHours(9), SetByEmployer: false)));

        var arrivals = (await fixture.NotificationsOfAsync(employerId)).Where(n => n.Kind == NotificationKind.WorkerCheckedIn).Select(n => n.Body).ToList();
        Assert.Equal(["'물류 상하차' 근무자가 11월 25일 (수) 09:06에 출근했습니다 (7분 지각).", "'물류 상하차' 근무자가 11월 25일 (수) 08:40에 출근했습니다 (정시)."], arrivals);
        var departure = await SingleAsync(employerId, NotificationKind.WorkerCheckedOut);
        Assert.Equal("근무자가 퇴근했습니다", departure.Title);
        Assert.Equal("'물류 상하차' 근무자가 11월 25일 (수) 18:00에 퇴근했습니다. 출퇴근 기록을 확인하고 근무를 완료해 주세요.", departure.Body);
        Assert.Equal($"/jobs/{jobId}", departure.Link);
        // The workers scanned: they know.
        Assert.Empty(await fixture.NotificationsOfAsync(lateWorkerId));
        Assert.Empty(await fixture.NotificationsOfAsync(onTimeWorkerId));
    }

    [Fact]
    public async Task The_worker_hears_of_times_the_employer_set_by_hand_and_of_the_record_that_stood_or_was_disputed()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var startsAt = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        await fixture.PublishAsync(Stamped(new WorkerCheckedIn(applicationId, jobId, workerId, employerId, "식당 서빙", startsAt.AddMinutes(5), 5, SetByEmployer: true)));
        await fixture.PublishAsync(Stamped(new WorkerCheckedOut(applicationId, jobId, workerId, employerId, "식당 서빙", startsAt.AddHours(9), SetByEmployer: true)));
        await fixture.PublishAsync(Stamped(new AttendanceDisputed(applicationId, jobId, workerId, employerId, "식당 서빙", "휴게시간이 1시간 30분이었습니다")));
        await fixture.PublishAsync(Stamped(new AttendanceConfirmed(applicationId, jobId, workerId, employerId, "식당 서빙",
            startsAt.AddMinutes(5), startsAt.AddHours(9), 8 * 60 - 5 - 90, ConfirmedByEmployer: true)));
        await fixture.PublishAsync(Stamped(new AttendanceConfirmed(Guid.NewGuid(), jobId, workerId, employerId, "행사 스태프",
            startsAt.AddDays(1), startsAt.AddDays(1).AddHours(5), 5 * 60, ConfirmedByEmployer: false)));

        var setByHand = (await fixture.NotificationsOfAsync(workerId)).Where(n => n.Kind == NotificationKind.AttendanceSetByEmployer).ToList();
        Assert.Equal(
            [
                "사업주가 '식당 서빙' 근무의 출근 시각을 기록했습니다: 11월 25일 (수) 09:05. 실제와 다르면 채팅으로 사업주에게 알려 주세요.",
                "사업주가 '식당 서빙' 근무의 퇴근 시각을 기록했습니다: 11월 25일 (수) 18:00. 실제와 다르면 채팅으로 사업주에게 알려 주세요.",
            ], setByHand.Select(n => n.Body));
        Assert.All(setByHand, n => Assert.Equal("/applications", n.Link));
        Assert.Equal("'식당 서빙' 출퇴근 기록에 사업주가 이의를 제기했습니다. 사유: 휴게시간이 1시간 30분이었습니다. 기록이 바로잡혀 근무가 완료될 때까지 임금 지급이 보류됩니다.",
            (await SingleAsync(workerId, NotificationKind.AttendanceDisputed)).Body);
        var confirmed = (await fixture.NotificationsOfAsync(workerId)).Where(n => n.Kind == NotificationKind.AttendanceConfirmed).Select(n => n.Body).ToList();
        Assert.Equal(
            [
                "'식당 서빙' 근무가 완료되었습니다. 출퇴근 기록이 사업주 확인으로 확정되었습니다: 11월 25일 (수) 09:05 출근, 11월 25일 (수) 18:00 퇴근, 휴게시간을 뺀 근무 6시간 25분. 임금은 이 기록으로 계산되어 결제 후 지급됩니다.",
                "'행사 스태프' 근무가 완료되었습니다. 출퇴근 기록이 확인 기한이 지나 확정되었습니다: 11월 26일 (목) 09:00 출근, 11월 26일 (목) 14:00 퇴근, 휴게시간을 뺀 근무 5시간. 임금은 이 기록으로 계산되어 결제 후 지급됩니다.",
            ], confirmed);
        // The employer wrote, disputed and confirmed: they are told none of it.
        Assert.Empty(await fixture.NotificationsOfAsync(employerId));
    }

    [Fact]
    public async Task A_rating_tells_the_rated_side_its_stars_and_a_change_to_them()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();

        await fixture.PublishAsync(Stamped(new RatingGiven(applicationId, jobId, employerId, workerId, UserRole.Employer, "카페 오픈 준비", 3, Changed: false)));
        await fixture.PublishAsync(Stamped(new RatingGiven(applicationId, jobId, employerId, workerId, UserRole.Employer, "카페 오픈 준비", 4, Changed: true)));
        await fixture.PublishAsync(Stamped(new RatingGiven(applicationId, jobId, workerId, employerId, UserRole.Worker, "카페 오픈 준비", 5, Changed: false)));

        var toWorker = (await fixture.NotificationsOfAsync(workerId)).Where(n => n.Kind == NotificationKind.RatingGiven).ToList();
        Assert.Equal(["사업주가 '카페 오픈 준비' 근무에 별점 3점을 남겼습니다.", "사업주가 '카페 오픈 준비' 근무에 남긴 별점을 4점으로 고쳤습니다."], toWorker.Select(n => n.Body));
        Assert.All(toWorker, n => Assert.Equal("/applications", n.Link));
        var toEmployer = await SingleAsync(employerId, NotificationKind.RatingGiven);
        Assert.Equal("새 평가가 있습니다", toEmployer.Title);
        Assert.Equal("근무자가 '카페 오픈 준비' 근무에 별점 5점을 남겼습니다.", toEmployer.Body);
        Assert.Equal($"/jobs/{jobId}", toEmployer.Link);
    }

    [Fact]
    public async Task Payment_failed_tells_the_employer_with_the_job_title_known_from_the_match()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var jobId = Guid.NewGuid();
        await fixture.PublishAsync(Stamped(new JobMatched(jobId, applicationId, employerId, workerId, "카페 오픈 준비", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8))));

        await fixture.PublishAsync(Stamped(new PaymentFailed(Guid.NewGuid(), applicationId, jobId, employerId, workerId, "카드 한도 초과")));

        var failed = await SingleAsync(employerId, NotificationKind.PaymentFailed);
        Assert.Equal("결제에 실패했습니다", failed.Title);
        Assert.Equal("'카페 오픈 준비' 결제에 실패했습니다. 사유: 카드 한도 초과. 결제 수단을 확인해 주세요.", failed.Body);
        Assert.DoesNotContain(await fixture.NotificationsOfAsync(workerId), n => n.Kind == NotificationKind.PaymentFailed);
    }

    [Fact]
    public async Task Settlement_and_withdrawals_tell_the_worker()
    {
        var workerId = await fixture.RegisteredUserAsync(phoneNumber: "+821098765432");

        await fixture.PublishAsync(Stamped(new SettlementCreated(Guid.NewGuid(), Guid.NewGuid(), workerId, 108_000)));
        await fixture.PublishAsync(Stamped(new WithdrawalRequested(Guid.NewGuid(), workerId, 100_000)));
        await fixture.PublishAsync(Stamped(new WithdrawalCompleted(Guid.NewGuid(), workerId, 100_000)));

        Assert.Equal("108,000원이 정산되어 지갑에 입금되었습니다.", (await SingleAsync(workerId, NotificationKind.SettlementCreated)).Body);
        Assert.Equal("100,000원 출금 신청이 접수되었습니다.", (await SingleAsync(workerId, NotificationKind.WithdrawalRequested)).Body);
        Assert.Equal("100,000원이 등록하신 계좌로 출금되었습니다.", (await SingleAsync(workerId, NotificationKind.WithdrawalCompleted)).Body);
        // Of the three, only the completed withdrawal is worth a text message.
        var sms = Assert.Single(await fixture.SentEventuallyAsync("sms", workerId));
        Assert.Contains("출금이 완료되었습니다", sms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filing_deadline_reminds_the_employer_in_korean_naming_the_workers_without_a_resident_number()
    {
        var employerId = await fixture.RegisteredUserAsync();

        await fixture.PublishAsync(Stamped(new FilingDeadlineApproaching(
            employerId, FilingDeadlineApproaching.EmploymentInsurance, "2026-11", new DateOnly(2026, 12, 15), Workers: 3, WorkersMissingResidentNumber: 1)));

        var reminder = await SingleAsync(employerId, NotificationKind.FilingDeadlineApproaching);
        Assert.Equal("근로내용확인신고 제출 기한이 다가옵니다", reminder.Title);
        Assert.Equal("2026년 11월분 근로내용확인신고의 제출 기한은 2026년 12월 15일입니다. 대상 근로자는 3명입니다. 그중 1명은 주민등록번호를 등록하지 않아 "
            + "직접 입력해야 합니다. 원데이에서 신고 파일을 내려받아 기한 안에 제출해 주세요.", reminder.Body);
        Assert.Equal("/payments/statements/2026-11", reminder.Link);
        // The welcome and the reminder.
        Assert.Contains(await fixture.SentEventuallyAsync("email", employerId, count: 2), email => email.Contains("근로내용확인신고", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_message_tells_the_named_recipients_but_not_the_sender()
    {
        var senderId = Guid.NewGuid();
        var recipientId = Guid.NewGuid();
        await fixture.RegisterDeviceAsync(recipientId);
        var roomId = Guid.NewGuid();

        await fixture.PublishAsync(Stamped(new ChatMessageSent(Guid.NewGuid(), roomId, senderId, [recipientId, senderId], "내일 8시에 정문에서 뵙겠습니다", DateTimeOffset.UtcNow)));

        var message = await SingleAsync(recipientId, NotificationKind.ChatMessage);
        Assert.Equal("내일 8시에 정문에서 뵙겠습니다", message.Body);
        Assert.Equal($"/chat/rooms/{roomId}", message.Link);
        Assert.Empty(await fixture.NotificationsOfAsync(senderId));
        await fixture.SentEventuallyAsync("push", recipientId);
    }

    [Fact]
    public async Task A_deleted_user_leaves_no_address_or_list_behind()
    {
        var userId = await fixture.RegisteredUserAsync(phoneNumber: "01055556666");

        await fixture.PublishAsync(Stamped(new Contracts.Users.UserDeleted(userId)));

        Assert.Empty(await fixture.NotificationsOfAsync(userId));
        Assert.Null(await fixture.QueryAsync(db => db.Recipients.FindAsync(userId).AsTask()));
    }
}
