using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Outbox;

namespace OneDay.Jobs.Applications;

/// <summary>
/// Every change to an application, from the worker's applying on, whoever asks (an endpoint, the workflow,
/// payments' call): each runs in one transaction under the job's row lock, consults the transition table, keeps the job's slot
/// count in step, and writes its events to the outbox with it. A place a change gives back goes to the job's
/// waitlist in the same transaction. A change that no longer applies (a duplicate, a late message) is refused and changes nothing.
/// </summary>
public sealed class ApplicationLifecycle(
    JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, WorkerReliability reliability, LabourContractRegister contracts,
    JobApplicationWorkflows workflows, IOptions<EmployerCancellationOptions> employerCancellation, IOptions<WaitlistOptions> waitlist, TimeProvider time)
{
    /// <summary>Why a waitlisted application ended without a place: the job started, or stopped taking workers.</summary>
    public const string WaitlistClosedReason = "waitlist-closed";

    /// <summary>Why a matched worker who did not confirm lost the place to the waitlist (Waitlist:OfferOnwardWhenUnconfirmed).</summary>
    public const string UnconfirmedReason = "shift-unconfirmed";

    /// <summary>The one who cancels when neither party did (the platform, by a setting): both parties are told.</summary>
    private static readonly Guid Platform = Guid.Empty;

    /// <summary>
    /// The saga's first step, in the request: the application is recorded (in Instant mode with a slot
    /// taken under the job's row lock) together with the start of its workflow, in one transaction. To a full job
    /// it is recorded Waitlisted, while the waitlist has room and the job has not started. Not found means the job.
    /// </summary>
    public async Task<ApplicationChange> ApplyAsync(Guid jobId, Guid worker, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if ((await reliability.OfAsync(worker, now, cancellationToken)).SuspendedUntil is { } suspendedUntil)
        {
            return ApplicationChange.Forbidden($"늦은 취소와 노쇼로 쌓인 점수 때문에 {suspendedUntil.ToOffset(KoreanTime.Offset):M월 d일 HH:mm}까지 지원할 수 없습니다.");
        }
        Application application;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var job = await db.LockJobAsync(jobId, cancellationToken);
            if (job is null) return ApplicationChange.NotFound;
            if (job.EmployerId == worker) return ApplicationChange.Forbidden("본인 공고에는 지원할 수 없습니다.");
            if (await reliability.IsBlockedAsync(job.EmployerId, worker, cancellationToken)) return ApplicationChange.Forbidden("이 사업주의 공고에는 지원할 수 없습니다.");
            if (job.Status is not (JobStatus.Open or JobStatus.Filled)) return ApplicationChange.Refused("모집 중인 공고가 아닙니다.");
            if (await db.Applications.AnyAsync(a => a.JobId == jobId && a.WorkerId == worker, cancellationToken)) return ApplicationChange.Refused("이미 지원한 공고입니다.");

            if (job.Status == JobStatus.Filled)
            {
                if (await WaitlistRefusalAsync(job, now, cancellationToken) is { } full) return ApplicationChange.Refused(full);
                application = Application.Waitlist(job.Id, worker, job.EmployerId, now);
            }
            else
            {
                var instant = job.MatchingMode == MatchingMode.Instant;
                if (instant && !job.TryTakeSlot(now)) return ApplicationChange.Refused("남은 자리가 없습니다.");
                application = Application.Record(job.Id, worker, job.EmployerId, holdsSlot: instant, now);
                if (instant) outbox.Add(new JobUpdated(job.ToSnapshot()));
            }
            db.Applications.Add(application);
            workflows.StartOnCommit(outbox, application, job.StartsAt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return ApplicationChange.Refused("이미 지원한 공고입니다.");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        ApplicationMetrics.RecordReached(application.Status);
        return new ApplicationChange(ApplicationChangeOutcome.Done, application);
    }

    /// <summary>Why a full job cannot waitlist one more applicant, or null when it can; the caller holds the job's lock, so the count stands.</summary>
    private async Task<string?> WaitlistRefusalAsync(Job job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var capacity = waitlist.Value.Capacity;
        if (capacity == 0) return "남은 자리가 없습니다.";
        if (now >= job.StartsAt) return "근무가 시작되어 대기 신청을 받지 않습니다.";
        var waiting = await db.Applications.CountAsync(a => a.JobId == job.Id && a.Status == ApplicationStatus.Waitlisted, cancellationToken);
        return waiting >= capacity ? $"남은 자리가 없고 대기 인원({capacity}명)도 다 찼습니다." : null;
    }

    /// <summary>The saga told the employer: Submitted for the employer's review, or Accepted at once in Instant mode.</summary>
    public Task<ApplicationChange> CompleteSubmissionAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            if (application.Status != ApplicationStatus.Pending) return "지원이 이미 처리되었습니다.";
            if (job.MatchingMode == MatchingMode.Instant && application.HoldsSlot)
            {
                application.TryMoveTo(ApplicationStatus.Accepted, now);
                PublishMatched(job, application);
                return null;
            }
            // The employer has already been told, by the workflow's call: nothing to announce.
            application.TryMoveTo(ApplicationStatus.Submitted, now);
            return null;
        }, cancellationToken, then: DrawContractWhenMatchedAsync);

    /// <summary>The employer accepts (Review mode): takes a slot, or is refused when none is left.</summary>
    public Task<ApplicationChange> AcceptAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            if (application.Status != ApplicationStatus.Submitted) return $"{application.Status} 상태의 지원은 수락할 수 없습니다.";
            if (!job.TryTakeSlot(now)) return "남은 자리가 없습니다.";
            application.TakeSlot();
            application.TryMoveTo(ApplicationStatus.Accepted, now);
            PublishMatched(job, application);
            outbox.Add(new JobUpdated(job.ToSnapshot()));
            return null;
        }, cancellationToken, then: DrawContractWhenMatchedAsync);

    public Task<ApplicationChange> RejectAsync(Guid applicationId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            if (application.Status != ApplicationStatus.Submitted) return $"{application.Status} 상태의 지원은 거절할 수 없습니다.";
            application.TryMoveTo(ApplicationStatus.Rejected, now, reason);
            outbox.Add(new ApplicationRejected(application.Id, job.Id, application.WorkerId, job.EmployerId, job.Title, reason));
            return null;
        }, cancellationToken);

    /// <summary>The worker withdraws before the work starts (a waitlisted one as long as they wait); a held slot opens again.</summary>
    public Task<ApplicationChange> CancelByWorkerAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            if (now >= job.StartsAt && application.Status != ApplicationStatus.Waitlisted) return "근무가 시작된 뒤에는 취소할 수 없습니다.";
            var matched = application.Status == ApplicationStatus.Accepted;
            if (!Cancel(job, application, application.WorkerId, "worker-cancelled", now)) return $"{application.Status} 상태의 지원은 취소할 수 없습니다.";
            if (matched) reliability.NoteCancellation(application, job.StartsAt, now);
            return null;
        }, cancellationToken);

    /// <summary>
    /// The employer lets a matched worker go before the start; cancelled late, the worker is owed a share of the
    /// scheduled wage, which payments takes from the event as a payable like a wage.
    /// </summary>
    public Task<ApplicationChange> CancelByEmployerAsync(Guid applicationId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            if (now >= job.StartsAt) return "근무가 시작된 뒤에는 취소할 수 없습니다. 출근하지 않았다면 노쇼로 처리됩니다.";
            if (application.Status != ApplicationStatus.Accepted) return $"{application.Status} 상태의 지원은 취소할 수 없습니다. 검토 중인 지원은 거절하세요.";
            Cancel(job, application, job.EmployerId, reason, now);
            return null;
        }, cancellationToken);

    /// <summary>
    /// The employer records the work as done, with the minutes worked that payments charges for (confirming the
    /// attendance record, when there is one). Only work under a labour contract both sides signed is completed
    /// (근로기준법 §17: the contract is written before the pay is due).
    /// </summary>
    public Task<ApplicationChange> CompleteWorkAsync(Guid applicationId, int? minutesWorked, CancellationToken cancellationToken) =>
        CompleteAsync(applicationId, minutesWorked, byEmployer: true, cancellationToken);

    /// <summary>The confirmation window closed without a dispute: the attendance record stands and the work is completed from it.</summary>
    public Task<ApplicationChange> CompleteFromAttendanceAsync(Guid applicationId, CancellationToken cancellationToken) =>
        CompleteAsync(applicationId, minutesWorked: null, byEmployer: false, cancellationToken);

    private Task<ApplicationChange> CompleteAsync(Guid applicationId, int? minutesWorked, bool byEmployer, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, async (job, application, now) =>
        {
            if (now < job.StartsAt) return "근무 시작 전에는 완료 처리할 수 없습니다.";
            if (application.Status == ApplicationStatus.Accepted && !await contracts.IsSignedByBothAsync(applicationId, cancellationToken)) return ContractUnsignedRefusal;
            var attendance = await AttendanceOfAsync(applicationId, cancellationToken);
            var attended = attendance?.MinutesWorked(job.StartsAt, job.BreakMinutes);
            if (attended is null && minutesWorked is null) return "출퇴근 기록이 없으니 근무 시간(분)을 적어 주세요.";
            if (attended is not null && minutesWorked is not null && attended != minutesWorked) return $"출퇴근 기록으로는 {attended}분입니다. 기록을 고친 뒤 완료하세요.";
            var minutes = attended ?? minutesWorked!.Value;
            if (minutes <= 0) return "근무 시간이 0분입니다.";
            if (!application.TryMoveTo(ApplicationStatus.Completed, now)) return $"{application.Status} 상태의 지원은 완료 처리할 수 없습니다.";
            application.RecordWork(minutes);
            var recorded = attendance is { CheckedInAt: not null, CheckedOutAt: not null };
            outbox.Add(new JobCompleted(job.Id, application.Id, job.EmployerId, application.WorkerId, job.WageKrw, job.WageUnit.ToString(), minutes, now,
                FromAttendanceRecord: recorded));
            if (attendance is { CheckedInAt: { } checkedIn, CheckedOutAt: { } checkedOut })
            {
                outbox.Add(new AttendanceConfirmed(application.Id, job.Id, application.WorkerId, job.EmployerId, job.Title, checkedIn, checkedOut, minutes,
                    ConfirmedByEmployer: byEmployer));
            }
            return null;
        }, cancellationToken, then: CompleteJobWhenAllWorkIsDoneAsync);

    public const string ContractUnsignedRefusal = "근로계약서에 사업주와 근로자가 모두 서명해야 근무를 완료할 수 있습니다.";

    /// <summary>A match gets its labour contract in the same transaction, drawn from the job as it stands.</summary>
    private async Task DrawContractWhenMatchedAsync(Job job, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (application.Status == ApplicationStatus.Accepted) await contracts.DrawAsync(job, application, now, cancellationToken);
    }

    /// <summary>The job is Completed once no accepted worker's work is left to record.</summary>
    private async Task CompleteJobWhenAllWorkIsDoneAsync(Job job, Application completed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Status is JobStatus.Cancelled or JobStatus.Completed) return;
        // The completed application is not saved yet: the database still shows it Accepted.
        if (await db.Applications.AnyAsync(a => a.JobId == job.Id && a.Id != completed.Id && a.Status == ApplicationStatus.Accepted, cancellationToken)) return;
        job.Complete(now);
        outbox.Add(new JobUpdated(job.ToSnapshot()));
    }

    /// <summary>What the application is now (null when there is none): what a workflow step answers after its guarded change.</summary>
    public Task<ApplicationStatus?> StatusAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.Applications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => (ApplicationStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The shift's compensation when nobody checked in: the matched application becomes NoShow and gives its
    /// place back (the job opens again), and both sides hear of it through the event. Anything but a
    /// still-matched application (checked in by hand, completed, cancelled) is left as it is.
    /// </summary>
    public Task<ApplicationChange> MarkNoShowAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, async (job, application, now) =>
        {
            // A check-in whose news never reached the workflow still counts: the record decides.
            if ((await AttendanceOfAsync(applicationId, cancellationToken))?.CheckedInAt is not null) return "출근 기록이 있습니다.";
            if (!application.TryMoveTo(ApplicationStatus.NoShow, now, "no-check-in")) return $"{application.Status} 상태의 지원은 노쇼가 아닙니다.";
            ReturnSlot(job, application, now);
            outbox.Add(new ApplicationNoShow(application.Id, job.Id, application.WorkerId, job.EmployerId, job.Title, job.StartsAt));
            reliability.NoteNoShow(application, now);
            return null;
        }, cancellationToken);

    /// <summary>
    /// The attendance record as it stands under the application's row lock, which every check-in and check-out takes
    /// too: one committed a moment before the change is seen, one arriving after it waits for the change to end.
    /// </summary>
    private Task<AttendanceRecord?> AttendanceOfAsync(Guid applicationId, CancellationToken cancellationToken) =>
        db.Attendance.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == applicationId, cancellationToken);

    /// <summary>The saga's compensation: give the slot back, end the application with <paramref name="outcome"/>, and tell the applicant (through the event).</summary>
    public Task<ApplicationChange> CompensateAsync(Guid applicationId, ApplicationStatus outcome, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (job, application, now) =>
        {
            // Only a waitlisted application given a place while its eligibility was still being checked is matched before
            // the check ends: found ineligible (or not checked at all), the match is undone and the place offered on.
            if (application.Status == ApplicationStatus.Accepted && outcome is ApplicationStatus.Rejected or ApplicationStatus.Failed)
            {
                Cancel(job, application, Platform, reason, now);
                return null;
            }
            if (application.Status is not (ApplicationStatus.Pending or ApplicationStatus.Submitted or ApplicationStatus.Waitlisted)) return "지원이 이미 처리되었습니다.";
            if (!application.TryMoveTo(outcome, now, reason)) return $"{application.Status}에서 {outcome}(으)로 바꿀 수 없습니다.";
            ReturnSlot(job, application, now);
            outbox.Add(new ApplicationRejected(application.Id, job.Id, application.WorkerId, job.EmployerId, job.Title, reason, outcome.ToString()));
            return null;
        }, cancellationToken);

    /// <summary>
    /// Payments' workflow settled what the application is owed (its call to /internal/jobs/applications/{id}/paid):
    /// the work's wage (Completed → Paid), or the pay for a late cancellation (recorded on the cancelled application).
    /// </summary>
    public Task<ApplicationChange> MarkPaidAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (_, application, now) =>
            application.TryMoveTo(ApplicationStatus.Paid, now) || application.SettleCancellationPay(now)
                ? null
                : $"{application.Status} 상태의 지원은 지급 완료로 바꿀 수 없습니다.", cancellationToken);

    /// <summary>Payments' compensation (a refund): the work, or the cancellation pay, is owed again.</summary>
    public Task<ApplicationChange> MarkUnpaidAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, (_, application, now) =>
            (application.Status == ApplicationStatus.Paid && application.TryMoveTo(ApplicationStatus.Completed, now)) || application.SettleCancellationPay(null)
                ? null
                : $"{application.Status} 상태의 지원은 미지급으로 바꿀 수 없습니다.", cancellationToken);

    /// <summary>Ends an application because its job is cancelled; the caller holds the job's lock and publishes the job's change.</summary>
    public bool CancelForCancelledJob(Job job, Application application, DateTimeOffset now) =>
        Cancel(job, application, job.EmployerId, "job-cancelled", now);

    /// <summary>Ends an application whose worker has left OneDay (its place goes to the waitlist); the caller holds the job's lock.</summary>
    public async Task CancelForDepartedWorkerAsync(Job job, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filledBefore = job.FilledCount;
        if (Cancel(job, application, application.WorkerId, "worker-account-deleted", now)) await OfferReopenedPlacesAsync(job, filledBefore - job.FilledCount, now, cancellationToken);
    }

    /// <summary>
    /// The job stops taking workers (its employer closed it): whoever still waits is let go (application-cancelled tells
    /// them) and returned, so the caller can tell their workflows. The caller holds the job's lock.
    /// </summary>
    public async Task<List<Application>> CloseWaitlistAsync(Job job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Applications.Where(a => a.JobId == job.Id && a.Status == ApplicationStatus.Waitlisted).ToListAsync(cancellationToken);
        foreach (var application in waiting) Cancel(job, application, job.EmployerId, WaitlistClosedReason, now);
        return waiting;
    }

    /// <summary>
    /// Waitlist:OfferOnwardWhenUnconfirmed: a matched worker who has not confirmed by the due time gives the place to the
    /// first on the waitlist. Refused when the worker confirmed after all (the record decides: its news may not have
    /// reached the workflow) or nobody waits.
    /// </summary>
    public Task<ApplicationChange> OfferUnconfirmedPlaceOnwardAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ChangeAsync(applicationId, async (job, application, now) =>
        {
            if (application.Status != ApplicationStatus.Accepted) return $"{application.Status} 상태의 지원은 자리를 넘길 수 없습니다.";
            if ((await AttendanceOfAsync(applicationId, cancellationToken))?.ShiftConfirmedAt is not null) return "근무를 확정한 지원입니다.";
            if (!await db.Applications.AnyAsync(a => a.JobId == job.Id && a.Status == ApplicationStatus.Waitlisted, cancellationToken)) return "대기자가 없습니다.";
            Cancel(job, application, Platform, UnconfirmedReason, now);
            return null;
        }, cancellationToken);

    /// <summary>The employer raised the headcount: the places it added go to the waitlist; the caller holds the job's lock.</summary>
    public Task<List<Application>> OfferAddedPlacesAsync(Job job, int headcountBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        OfferReopenedPlacesAsync(job, job.Headcount - headcountBefore, now, cancellationToken);

    /// <summary>
    /// Offers each of <paramref name="places"/> reopened places to the earliest waitlisted application, in the order of
    /// applying: in Instant mode it is matched at once (the slot taken, job-matched, its labour contract drawn), in Review
    /// mode it goes to the employer's decision as Submitted, before the start only. Nothing once the waitlist has closed or
    /// the job stopped taking workers (closed, cancelled). The caller holds the job's lock, under which every change to the
    /// job's applications happens.
    /// </summary>
    private async Task<List<Application>> OfferReopenedPlacesAsync(Job job, int places, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var closesAt = job.MatchingMode == MatchingMode.Instant ? waitlist.Value.ClosesAt(job.StartsAt) : job.StartsAt;
        if (places <= 0 || job.Status != JobStatus.Open || now >= closesAt) return [];
        // Filtered again in memory: an application this unit of work already moved still reads Waitlisted from the database.
        var waiting = (await db.Applications.Where(a => a.JobId == job.Id && a.Status == ApplicationStatus.Waitlisted)
                .OrderBy(a => a.AppliedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken))
            .Where(a => a.Status == ApplicationStatus.Waitlisted).Take(places).ToList();
        var promoted = new List<Application>();
        foreach (var application in waiting)
        {
            if (job.MatchingMode == MatchingMode.Instant)
            {
                if (!job.TryTakeSlot(now)) break;
                application.TakeSlot();
                application.TryMoveTo(ApplicationStatus.Accepted, now);
                PublishMatched(job, application);
                outbox.Add(new JobUpdated(job.ToSnapshot()));
                await contracts.DrawAsync(job, application, now, cancellationToken);
            }
            else
            {
                application.TryMoveTo(ApplicationStatus.Submitted, now);
            }
            promoted.Add(application);
        }
        return promoted;
    }

    /// <summary>
    /// Cancels the application, gives its slot back to the job, and tells both sides (application-cancelled). A matched
    /// worker the employer cancels late is owed pay, which the event carries to payments.
    /// </summary>
    private bool Cancel(Job job, Application application, Guid cancelledBy, string reason, DateTimeOffset now)
    {
        var matched = application.Status == ApplicationStatus.Accepted;
        if (!application.TryMoveTo(ApplicationStatus.Cancelled, now, reason)) return false;
        if (matched && cancelledBy == job.EmployerId) application.OweCancellationPay(employerCancellation.Value.PayOwed(job.ScheduledWageKrw(), job.StartsAt, now));
        // A cancelled or closed job takes no place back; the application holds none either way.
        if (job.Status is JobStatus.Open or JobStatus.Filled) ReturnSlot(job, application, now);
        else application.ReleaseSlot();
        outbox.Add(new ApplicationCancelled(application.Id, job.Id, application.WorkerId, job.EmployerId, job.Title, cancelledBy, reason)
        {
            CancellationPayKrw = application.CancellationPayKrw,
        });
        return true;
    }

    /// <summary>Gives the place the application held (if any) back to the job and announces the job as it now stands.</summary>
    private void ReturnSlot(Job job, Application application, DateTimeOffset now)
    {
        if (!application.ReleaseSlot()) return;
        job.ReleaseSlot(now);
        outbox.Add(new JobUpdated(job.ToSnapshot()));
    }

    /// <summary>An acceptance is announced once, as job-matched.</summary>
    private void PublishMatched(Job job, Application application) =>
        outbox.Add(new JobMatched(job.Id, application.Id, job.EmployerId, application.WorkerId, job.Title, job.StartsAt, job.EndsAt));

    private Task<ApplicationChange> ChangeAsync(
        Guid applicationId,
        Func<Job, Application, DateTimeOffset, string?> change,
        CancellationToken cancellationToken,
        Func<Job, Application, DateTimeOffset, CancellationToken, Task>? then = null) =>
        ChangeAsync(applicationId, (job, application, now) => Task.FromResult(change(job, application, now)), cancellationToken, then);

    private async Task<ApplicationChange> ChangeAsync(
        Guid applicationId,
        Func<Job, Application, DateTimeOffset, Task<string?>> change,
        CancellationToken cancellationToken,
        Func<Job, Application, DateTimeOffset, CancellationToken, Task>? then = null)
    {
        // An event handler's inbox transaction is already open: the change joins it.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var jobId = await db.Applications.Where(a => a.Id == applicationId).Select(a => (Guid?)a.JobId).SingleOrDefaultAsync(cancellationToken);
        if (jobId is null) return ApplicationChange.NotFound;
        // The job's row lock first, then the application's (the order every path takes, so none deadlocks), and
        // the application as it stands under both.
        var job = await db.LockJobAsync(jobId.Value, cancellationToken) ?? throw new InvalidOperationException($"application {applicationId} has no job");
        var application = await db.LockApplicationAsync(applicationId, cancellationToken) ?? throw new InvalidOperationException($"application {applicationId} vanished under its job's lock");
        var now = time.GetUtcNow();
        var filledBefore = job.FilledCount;
        if (await change(job, application, now) is { } refusal) return ApplicationChange.Refused(refusal);
        if (then is not null) await then(job, application, now, cancellationToken);
        var promoted = await OfferReopenedPlacesAsync(job, filledBefore - job.FilledCount, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        ApplicationMetrics.RecordReached(application, now);
        foreach (var offered in promoted) ApplicationMetrics.RecordReached(offered, now);
        return new ApplicationChange(ApplicationChangeOutcome.Done, application) { Promoted = promoted };
    }
}
