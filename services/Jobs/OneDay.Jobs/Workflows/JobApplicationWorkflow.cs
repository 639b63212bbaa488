using System.Text.Json;
using Dapr.Workflow;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.ServiceDefaults.Background;
using OneDay.ServiceDefaults.Sagas;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// The job-application saga (instance id = application id), after the application is recorded with its
/// slot (Instant mode) in the apply request: users confirms the applicant is eligible → notifications
/// tells the employer → the application is submitted → in Review mode the employer's decision, bounded by
/// the decision deadline, the employer reminded once halfway there. An ineligible applicant, a call whose retries are spent, or a deadline passed
/// compensates: the slot released, the application ended with its outcome and reason, the applicant told.
/// Accepting, rejecting and cancelling happen in the API's guarded transitions, which raise
/// <see cref="ApplicationDecided"/>; the workflow then only ends. A waitlisted application, once found eligible, waits
/// for a place (the promotion is its <see cref="ApplicationDecided"/>) and then goes on as a fresh submission or match;
/// when the waitlist closes first, it expires. Its result is the application's final status.
/// The body is replayed from history, so it does no I/O and reads the clock only from the context.
/// </summary>
public sealed class JobApplicationWorkflow : Workflow<JobApplicationWorkflowInput, ApplicationStatus?>
{
    /// <summary>The saga's kind in <see cref="SagaMetrics"/>.</summary>
    public const string SagaKind = "job-application";

    public const string EligibilityUnavailableReason = "eligibility-unavailable";
    public const string EmployerNotNotifiedReason = "employer-not-notified";
    public const string ExpiredReason = "no-decision-before-deadline";

    /// <summary>
    /// The patch that added the halfway reminder: instances that were already waiting when it shipped replay
    /// without it (their history never recorded the patch), every instance since takes it (README, "Changing a workflow").
    /// </summary>
    public const string DecisionReminderPatch = "decision-reminder";

    /// <summary>
    /// The patch that carried the workflow on past the match: a matched worker who has not checked in by the start
    /// plus the grace is a no-show. Instances matched before it shipped end at the match, as they always did.
    /// </summary>
    public const string ShiftPatch = "shift-attendance";

    /// <summary>
    /// The patch that made completion wait for the labour contract: when the window closes with a signature missing,
    /// the workflow waits for both (or a decision) before completing. Instances past the window before it shipped
    /// complete as they did (and the completion itself refuses an unsigned contract).
    /// </summary>
    public const string ContractPatch = "labour-contract";

    /// <summary>
    /// The patch that added the waitlist: a waitlisted application waits for a place instead of going to the employer.
    /// Instances started before it shipped were never waitlisted (their input carries no closing time).
    /// </summary>
    public const string WaitlistPatch = "waitlist";

    /// <summary>
    /// The patch that lets an unconfirmed worker's place go to the waitlist (Waitlist:OfferOnwardWhenUnconfirmed).
    /// Instances past the confirmation's due time before it shipped went on without asking.
    /// </summary>
    public const string OfferOnwardPatch = "offer-onward-unconfirmed";

    public override async Task<ApplicationStatus?> RunAsync(WorkflowContext context, JobApplicationWorkflowInput input)
    {
        var retry = RetryOf(input);
        if (input.AppliedAt is { } appliedAt) SagaMetrics.RecordStepDelay(context, SagaKind, appliedAt);

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.ConfirmingEligibility));
        ApplicantEligibility eligibility;
        try
        {
            eligibility = await context.CallActivityAsync<ApplicantEligibility>(nameof(ConfirmEligibilityActivity), input, retry);
        }
        catch (WorkflowTaskFailedException)
        {
            return await CompensateAsync(context, input, ApplicationStatus.Failed, EligibilityUnavailableReason, JobApplicationStep.ConfirmingEligibility);
        }
        if (!eligibility.Eligible) return await CompensateAsync(context, input, ApplicationStatus.Rejected, IneligibleReason(eligibility));
        if (input.WaitlistClosesAt is { } waitlistCloses && context.IsPatched(WaitlistPatch)
            && await WaitForPlaceAsync(context, input, waitlistCloses, retry) is { } ended)
        {
            return Finish(context, ended);
        }

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.NotifyingEmployer));
        try
        {
            await context.CallActivityAsync<bool>(nameof(NotifyEmployerActivity), input, retry);
        }
        catch (WorkflowTaskFailedException)
        {
            return await CompensateAsync(context, input, ApplicationStatus.Failed, EmployerNotNotifiedReason, JobApplicationStep.NotifyingEmployer);
        }
        var submission = await context.CallActivityAsync<Submission>(nameof(SubmitApplicationActivity), input, retry);
        if (submission.Status == ApplicationStatus.Accepted) return await MatchedAsync(context, input, submission, retry);
        if (submission.Status != ApplicationStatus.Submitted) return Finish(context, submission.Status);

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingDecision, submission.DecisionDeadline));
        var untilDeadline = UntilDeadline(context, submission);
        if (untilDeadline > TimeSpan.Zero)
        {
            var decided = context.IsPatched(DecisionReminderPatch)
                ? await DecisionWithReminderAsync(context, input, submission, untilDeadline / 2, retry)
                : await DecisionWithinAsync(context, untilDeadline);
            if (decided is { Status: ApplicationStatus.Accepted }) return await MatchedAsync(context, input, submission, retry);
            if (decided is not null) return Finish(context, decided.Status);
        }
        // The deadline passed without a decision: the application expires.
        SagaMetrics.RecordStepDelay(context, SagaKind, submission.DecisionDeadline);
        return await CompensateAsync(context, input, ApplicationStatus.Expired, ExpiredReason);
    }

    /// <summary>
    /// After the match, the shift: the worker checks in by the start plus the grace (else a no-show: the place opens
    /// again), checks out by the latest moment one is taken, and the employer then has the confirmation window to
    /// complete the work or dispute the record; after it an undisputed record stands and the work is completed from
    /// it, which starts the payment, once both parties have signed the labour contract. A decision on the application while waiting (cancelled, completed by hand) ends it.
    /// </summary>
    private static async Task<ApplicationStatus?> MatchedAsync(
        WorkflowContext context, JobApplicationWorkflowInput input, Submission submission, WorkflowTaskOptions retry)
    {
        if (submission is not { NoShowAt: { } noShowAt, CheckOutClosesAt: { } checkOutCloses, ConfirmationWindow: { } window } || !context.IsPatched(ShiftPatch))
        {
            return Finish(context, ApplicationStatus.Accepted);
        }
        var decided = context.WaitForExternalEventAsync<ApplicationDecided>(ApplicationDecided.EventName);
        if (await DayBeforeAsync(context, input, submission, decided, retry) is { } ended) return Finish(context, ended);
        if (submission.ShiftReminderAt is { } remindAt && remindAt > new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero))
        {
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingShiftReminder, ShiftDeadline: remindAt));
            if (await Task.WhenAny(decided, TimerUntil(context, remindAt)) == decided) return Finish(context, decided.Result.Status);
            await CourtesyAsync(context, nameof(RemindWorkerActivity), input, retry);
        }

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingCheckIn, ShiftDeadline: noShowAt));
        var checkedIn = context.WaitForExternalEventAsync<ShiftCheckedIn>(ShiftCheckedIn.EventName);
        var first = await Task.WhenAny(checkedIn, decided, TimerUntil(context, noShowAt));
        if (first == decided) return Finish(context, decided.Result.Status);
        if (first != checkedIn)
        {
            SagaMetrics.RecordStepDelay(context, SagaKind, noShowAt);
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.Compensating));
            var afterNoShow = await context.CallActivityAsync<ApplicationStatus?>(nameof(MarkNoShowActivity), input, retry);
            // A check-in whose news never arrived leaves the application matched: the shift goes on without the wait.
            if (afterNoShow != ApplicationStatus.Accepted) return Finish(context, afterNoShow);
        }

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingCheckOut, ShiftDeadline: checkOutCloses));
        var checkedOut = context.WaitForExternalEventAsync<ShiftCheckedOut>(ShiftCheckedOut.EventName);
        first = await Task.WhenAny(checkedOut, decided, TimerUntil(context, checkOutCloses));
        if (first == decided) return Finish(context, decided.Result.Status);

        var confirmBy = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + window;
        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingConfirmation, ShiftDeadline: confirmBy));
        first = await Task.WhenAny(decided, TimerUntil(context, confirmBy));
        if (first == decided) return Finish(context, decided.Result.Status);
        SagaMetrics.RecordStepDelay(context, SagaKind, confirmBy);
        if (context.IsPatched(ContractPatch) && !await context.CallActivityAsync<bool>(nameof(ContractSignedActivity), input, retry))
        {
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingContractSignatures));
            var signed = context.WaitForExternalEventAsync<ContractSigned>(ContractSigned.EventName);
            if (await Task.WhenAny(signed, decided) == decided) return Finish(context, decided.Result.Status);
        }
        return Finish(context, await context.CallActivityAsync<ApplicationStatus?>(nameof(CompleteFromAttendanceActivity), input, retry));
    }

    /// <summary>
    /// A waitlisted application waits for a reopened place until the waitlist closes (after the job's start). Given one
    /// (Submitted for the employer's review, or Accepted), it goes on as a fresh submission: null. Withdrawn or let go
    /// meanwhile, or still waiting when the waitlist closes (then it expires, the worker told), returns how it ended.
    /// A promotion raised while eligibility was still being checked is not lost: the SDK buffers an event nobody waits
    /// for yet (docs/dapr-workflow.md W.4.6).
    /// </summary>
    private static async Task<ApplicationStatus?> WaitForPlaceAsync(
        WorkflowContext context, JobApplicationWorkflowInput input, DateTimeOffset closesAt, WorkflowTaskOptions retry)
    {
        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.Waitlisted, DecisionDeadline: closesAt));
        var untilClose = closesAt - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var status = (untilClose > TimeSpan.Zero ? await DecisionWithinAsync(context, untilClose) : null)?.Status;
        if (status is null)
        {
            SagaMetrics.RecordStepDelay(context, SagaKind, closesAt);
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.Compensating));
            // Guarded like every compensation: a promotion whose news never arrived is left as it is, and goes on.
            status = await context.CallActivityAsync<ApplicationStatus?>(nameof(CompensateApplicationActivity),
                new Compensation(input.ApplicationId, input.TraceParent, ApplicationStatus.Expired, ApplicationLifecycle.WaitlistClosedReason), retry);
        }
        return status is ApplicationStatus.Submitted or ApplicationStatus.Accepted ? null : status;
    }

    /// <summary>
    /// The day before (when matched earlier than that): the worker is asked to confirm, and the employer told if no
    /// confirmation comes by the due time. Both notices are courtesies: their failure does not end the match. Unconfirmed,
    /// the place may go to the waitlist (<see cref="OfferPlaceOnwardActivity"/>). Returns the application's status when a
    /// decision (or that) ended it meanwhile, else null.
    /// </summary>
    private static async Task<ApplicationStatus?> DayBeforeAsync(
        WorkflowContext context, JobApplicationWorkflowInput input, Submission submission, Task<ApplicationDecided> decided, WorkflowTaskOptions retry)
    {
        if (submission is not { ConfirmationAskedAt: { } askAt, ConfirmationDueAt: { } dueAt } || askAt <= new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero))
        {
            return null;
        }
        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingShiftDay, ShiftDeadline: askAt));
        if (await Task.WhenAny(decided, TimerUntil(context, askAt)) == decided) return decided.Result.Status;
        await CourtesyAsync(context, nameof(AskWorkerToConfirmActivity), input, retry);

        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingShiftConfirmation, ShiftDeadline: dueAt));
        var confirmed = context.WaitForExternalEventAsync<ShiftConfirmed>(ShiftConfirmed.EventName);
        var first = await Task.WhenAny(confirmed, decided, TimerUntil(context, dueAt));
        if (first == decided) return decided.Result.Status;
        if (first == confirmed) return null;
        await CourtesyAsync(context, nameof(TellEmployerUnconfirmedActivity), input, retry);
        if (!context.IsPatched(OfferOnwardPatch)) return null;
        try
        {
            var afterOffer = await context.CallActivityAsync<ApplicationStatus?>(nameof(OfferPlaceOnwardActivity), input, retry);
            return afterOffer == ApplicationStatus.Accepted ? null : afterOffer;
        }
        catch (WorkflowTaskFailedException)
        {
            // The place could not be offered on: the worker keeps it, as when the setting is off.
            return null;
        }
    }

    /// <summary>A notice the process goes on without when notifications cannot take it, however often asked.</summary>
    private static async Task CourtesyAsync(WorkflowContext context, string activity, JobApplicationWorkflowInput input, WorkflowTaskOptions retry)
    {
        try
        {
            await context.CallActivityAsync<bool>(activity, input, retry);
        }
        catch (WorkflowTaskFailedException)
        {
            // A courtesy: the shift goes on.
        }
    }

    /// <summary>A durable timer firing at <paramref name="at"/> (at once when that has passed).</summary>
    private static Task TimerUntil(WorkflowContext context, DateTimeOffset at)
    {
        var wait = at - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        return context.CreateTimer(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    /// <summary>Waits for the decision until halfway to the deadline, reminds the employer once, then waits out the rest.</summary>
    private static async Task<ApplicationDecided?> DecisionWithReminderAsync(
        WorkflowContext context, JobApplicationWorkflowInput input, Submission submission, TimeSpan untilReminder, WorkflowTaskOptions retry)
    {
        if (await DecisionWithinAsync(context, untilReminder) is { } early) return early;
        // A reminder is a courtesy: the application still waits for its decision until the deadline.
        await CourtesyAsync(context, nameof(RemindEmployerActivity), input, retry);
        var rest = UntilDeadline(context, submission);
        return rest > TimeSpan.Zero ? await DecisionWithinAsync(context, rest) : null;
    }

    /// <summary>The employer's decision if it comes within <paramref name="wait"/>, else null.</summary>
    private static async Task<ApplicationDecided?> DecisionWithinAsync(WorkflowContext context, TimeSpan wait)
    {
        try
        {
            return await context.WaitForExternalEventAsync<ApplicationDecided>(ApplicationDecided.EventName, wait);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private static TimeSpan UntilDeadline(WorkflowContext context, Submission submission) =>
        submission.DecisionDeadline - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);

    /// <summary>"ineligible:" and users' reasons as they read on the wire (kebab-case), which notifications translates for the applicant.</summary>
    private static string IneligibleReason(ApplicantEligibility eligibility) =>
        "ineligible:" + string.Join(',', eligibility.Reasons.Select(reason => JsonNamingPolicy.KebabCaseLower.ConvertName(reason.ToString())));

    private static async Task<ApplicationStatus?> CompensateAsync(
        WorkflowContext context, JobApplicationWorkflowInput input, ApplicationStatus outcome, string reason,
        JobApplicationStep? failedStep = null)
    {
        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.Compensating));
        var compensation = new Compensation(input.ApplicationId, input.TraceParent, outcome, reason, failedStep);
        return Finish(context, await context.CallActivityAsync<ApplicationStatus?>(nameof(CompensateApplicationActivity), compensation, RetryOf(input)));
    }

    /// <summary>Each failed call waits twice as long as the one before, up to the instance's cap, until its attempts are spent.</summary>
    private static WorkflowTaskOptions RetryOf(JobApplicationWorkflowInput input) =>
        new(new RetryBackoff(input.RetryDelay, input.MaxRetryDelay).ForWorkflow(input.StepAttempts));

    private static ApplicationStatus? Finish(WorkflowContext context, ApplicationStatus? status)
    {
        context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.Finished));
        return status;
    }
}
