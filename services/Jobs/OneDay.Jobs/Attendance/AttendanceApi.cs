using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Outbox;
using OneDay.ServiceDefaults.Errors;
using OneDay.ServiceDefaults.Security;
using QRCoder;

namespace OneDay.Jobs.Attendance;

/// <summary>
/// Arriving and leaving: the workplace shows a rotating signed code, the matched worker scans it at the
/// workplace within the allowed times, the employer may set either time by hand; both read the record.
/// </summary>
public static class AttendanceApi
{
    public static void MapAttendance(this WebApplication app)
    {
        var jobs = app.MapGroup("/jobs").WithTags("Attendance");
        jobs.MapGet("/{id:guid}/check-in-code", CodeAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("GetCheckInCode")
            .WithSummary("The job's current check-in code, as text and as an SVG QR code, for the workplace to show");
        var application = jobs.MapGroup("/applications/{applicationId:guid}");
        application.MapPost("/check-in", CheckInAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("CheckIn")
            .WithSummary("The matched worker checks in with the workplace's code and their position");
        application.MapPost("/confirm-shift", ConfirmShiftAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("ConfirmShift")
            .WithSummary("The matched worker confirms they will come (asked the day before; the employer is told if they do not)");
        application.MapPost("/check-out", CheckOutAsync).RequireAuthorization(nameof(UserRole.Worker)).WithName("CheckOut");
        application.MapPut("/attendance", SetByHandAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("SetAttendance")
            .WithSummary("The employer sets the check-in or check-out time by hand; the worker sees it");
        application.MapGet("/attendance", GetAsync).RequireAuthorization().WithName("GetAttendance");
        application.MapPost("/attendance/dispute", DisputeAsync).RequireAuthorization(nameof(UserRole.Employer)).WithName("DisputeAttendance")
            .WithSummary("The employer objects to the record with a reason: the work is not completed from it until they correct it and complete it");
    }

    private static async Task<Results<Ok<CheckInCodeView>, ProblemHttpResult>> CodeAsync(
        Guid id, ClaimsPrincipal user, JobsDbContext db, CheckInCodes codes, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null || job.EmployerId != user.UserId()) return ApiProblems.NotFound("공고가 없습니다.");
        if (job.Status is JobStatus.Cancelled or JobStatus.Completed) return ApiProblems.Conflict("끝난 공고에는 출근 코드가 없습니다.");
        var code = codes.Issue(job.Id, time.GetUtcNow());
        using var qr = QRCodeGenerator.GenerateQrCode(code.Payload, QRCodeGenerator.ECCLevel.M);
        return TypedResults.Ok(new CheckInCodeView(code.Payload, new SvgQRCode(qr).GetGraphic(8), code.ExpiresAt));
    }

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> CheckInAsync(
        Guid applicationId, AttendanceScan scan, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, CheckInCodes codes,
        Workplace workplace, TimeProvider time, JobApplicationWorkflows workflows, CancellationToken cancellationToken) =>
        ChangeRecordAsync(applicationId, user, ApplicationParty.Worker, db, time, (job, record, now) =>
        {
            if (Scanned(codes, workplace, job, scan, now) is { } refusal) return refusal;
            if (record.CheckedInAt is not null) return ApiProblems.Conflict("이미 출근했습니다.");
            if (now < workplace.CheckInOpens(job)) return ApiProblems.Conflict($"출근은 시작 {(job.StartsAt - workplace.CheckInOpens(job)).TotalMinutes:N0}분 전부터 할 수 있습니다.");
            if (now > job.EndsAt) return ApiProblems.Conflict("근무 시간이 끝나 출근할 수 없습니다. 사업주에게 수기 기록을 요청하세요.");
            record.CheckIn(now, AttendanceSource.Scan, job.StartsAt, now);
            outbox.Add(CheckedIn(job, record));
            return null;
        }, () => workflows.TellCheckedInAsync(applicationId, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> CheckOutAsync(
        Guid applicationId, AttendanceScan scan, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, CheckInCodes codes,
        Workplace workplace, TimeProvider time, JobApplicationWorkflows workflows, CancellationToken cancellationToken) =>
        ChangeRecordAsync(applicationId, user, ApplicationParty.Worker, db, time, (job, record, now) =>
        {
            if (Scanned(codes, workplace, job, scan, now) is { } refusal) return refusal;
            if (record.CheckedInAt is null) return ApiProblems.Conflict("출근 기록이 없습니다.");
            if (record.CheckedOutAt is not null) return ApiProblems.Conflict("이미 퇴근했습니다.");
            if (now > workplace.CheckOutCloses(job)) return ApiProblems.Conflict("퇴근 기록 시간이 지났습니다. 사업주에게 수기 기록을 요청하세요.");
            record.CheckOut(now, AttendanceSource.Scan, now);
            outbox.Add(CheckedOut(job, record));
            return null;
        }, () => workflows.TellCheckedOutAsync(applicationId, cancellationToken), cancellationToken);

    /// <summary>The arrival as it now stands on the record, for the side that did not write it.</summary>
    private static WorkerCheckedIn CheckedIn(Job job, AttendanceRecord record) => new WorkerCheckedIn(
        record.ApplicationId, job.Id, record.WorkerId, job.EmployerId, job.Title, record.CheckedInAt!.Value, record.LateMinutes,
        SetByEmployer: record.CheckInSource == AttendanceSource.Employer);

    private static WorkerCheckedOut CheckedOut(Job job, AttendanceRecord record) => new WorkerCheckedOut(
        record.ApplicationId, job.Id, record.WorkerId, job.EmployerId, job.Title, record.CheckedOutAt!.Value,
        SetByEmployer: record.CheckOutSource == AttendanceSource.Employer);

    /// <summary>Null when the scan is of the job's unexpired code and made at the workplace, else why not.</summary>
    private static ProblemHttpResult? Scanned(CheckInCodes codes, Workplace workplace, Job job, AttendanceScan scan, DateTimeOffset now) =>
        codes.Check(scan.Code, job.Id, now) switch
        {
            CheckInCodeCheck.Expired => ApiProblems.Invalid("code", "코드가 만료되었습니다. 화면의 새 코드를 찍어 주세요."),
            CheckInCodeCheck.OtherJob => ApiProblems.Invalid("code", "다른 공고의 코드입니다."),
            CheckInCodeCheck.Unreadable => ApiProblems.Invalid("code", "올바른 출근 코드가 아닙니다."),
            _ => workplace.OutsideFence(job, scan) is { } outside ? ApiProblems.Invalid("latitude", outside) : null,
        };

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> SetByHandAsync(
        Guid applicationId, ManualAttendance request, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, Workplace workplace,
        TimeProvider time, JobApplicationWorkflows workflows, CancellationToken cancellationToken) =>
        ChangeRecordAsync(applicationId, user, ApplicationParty.Employer, db, time, (job, record, now) =>
        {
            if (request.CheckedInAt is null && request.CheckedOutAt is null) return ApiProblems.Invalid("checkedInAt", "출근 또는 퇴근 시각을 적어 주세요.");
            foreach (var (field, at) in new[] { ("checkedInAt", request.CheckedInAt), ("checkedOutAt", request.CheckedOutAt) })
            {
                if (at is null) continue;
                if (at > now) return ApiProblems.Invalid(field, "아직 오지 않은 시각입니다.");
                if (at < workplace.CheckInOpens(job) || at > workplace.CheckOutCloses(job)) return ApiProblems.Invalid(field, "근무일의 출퇴근 시간대를 벗어났습니다.");
            }
            if (request.CheckedOutAt is { } checkedOut && ((request.CheckedInAt ?? record.CheckedInAt) is not { } checkedIn || checkedOut <= checkedIn))
            {
                return ApiProblems.Invalid("checkedOutAt", "퇴근 시각은 출근 시각 뒤여야 합니다.");
            }
            if (request.CheckedInAt is { } newCheckIn)
            {
                record.CheckIn(newCheckIn, AttendanceSource.Employer, job.StartsAt, now);
                outbox.Add(CheckedIn(job, record));
            }
            if (request.CheckedOutAt is { } newCheckOut)
            {
                record.CheckOut(newCheckOut, AttendanceSource.Employer, now);
                outbox.Add(CheckedOut(job, record));
            }
            return null;
        }, async () =>
        {
            if (request.CheckedInAt is not null) await workflows.TellCheckedInAsync(applicationId, cancellationToken);
            if (request.CheckedOutAt is not null) await workflows.TellCheckedOutAsync(applicationId, cancellationToken);
        }, cancellationToken);

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> ConfirmShiftAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, JobApplicationWorkflows workflows, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeRecordAsync(applicationId, user, ApplicationParty.Worker, db, time, (job, record, now) =>
        {
            if (now >= job.StartsAt) return ApiProblems.Conflict("근무가 이미 시작되었습니다.");
            record.ConfirmShift(now);
            return null;
        }, () => workflows.TellShiftConfirmedAsync(applicationId, cancellationToken), cancellationToken);

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult>> DisputeAsync(
        Guid applicationId, AttendanceDispute request, ClaimsPrincipal user, JobsDbContext db, IntegrationEventOutbox<JobsDbContext> outbox, TimeProvider time,
        CancellationToken cancellationToken) =>
        ChangeRecordAsync(applicationId, user, ApplicationParty.Employer, db, time, (job, record, now) =>
        {
            record.Dispute(request.Reason, now);
            outbox.Add(new AttendanceDisputed(record.ApplicationId, job.Id, record.WorkerId, job.EmployerId, job.Title, request.Reason));
            return null;
        }, () => Task.CompletedTask, cancellationToken);

    /// <summary>
    /// One change to a matched application's record by <paramref name="party"/> (its own application only), under the
    /// application's row lock: <paramref name="change"/> refuses or changes (writing the events the change causes to the
    /// outbox, which commits with it), and once committed the workflow is told (<paramref name="afterCommit"/>).
    /// </summary>
    private static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> ChangeRecordAsync(
        Guid applicationId, ClaimsPrincipal user, ApplicationParty party, JobsDbContext db, TimeProvider time,
        Func<Job, AttendanceRecord, DateTimeOffset, ProblemHttpResult?> change, Func<Task> afterCommit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await db.LockApplicationAsync(applicationId, cancellationToken);
        if (application is null || (party == ApplicationParty.Worker ? application.WorkerId : application.EmployerId) != user.UserId())
        {
            return ApiProblems.NotFound("지원이 없습니다.");
        }
        if (application.Status != ApplicationStatus.Accepted) return ApiProblems.Conflict("확정된 근무의 출결만 기록하고 고칠 수 있습니다.");
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == application.JobId, cancellationToken);
        var attendance = await RecordOfAsync(db, application, cancellationToken);
        if (change(job, attendance, now) is { } refusal) return refusal;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await afterCommit();
        return TypedResults.Ok(AttendanceView.Of(attendance, job));
    }

    private static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> GetAsync(
        Guid applicationId, ClaimsPrincipal user, JobsDbContext db, CancellationToken cancellationToken)
    {
        var caller = user.UserId();
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null || (application.WorkerId != caller && application.EmployerId != caller)) return ApiProblems.NotFound("지원이 없습니다.");
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == application.JobId, cancellationToken);
        var attendance = await db.Attendance.AsNoTracking().SingleOrDefaultAsync(a => a.ApplicationId == applicationId, cancellationToken)
            ?? AttendanceRecord.For(application.Id, application.JobId, application.WorkerId);
        return TypedResults.Ok(AttendanceView.Of(attendance, job));
    }

    private static async Task<AttendanceRecord> RecordOfAsync(JobsDbContext db, Application application, CancellationToken cancellationToken)
    {
        var attendance = await db.Attendance.SingleOrDefaultAsync(a => a.ApplicationId == application.Id, cancellationToken);
        if (attendance is not null) return attendance;
        attendance = AttendanceRecord.For(application.Id, application.JobId, application.WorkerId);
        db.Attendance.Add(attendance);
        return attendance;
    }
}
