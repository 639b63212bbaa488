using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;
using OneDay.Jobs.Jobs;

namespace OneDay.Jobs.Saga;

/// <summary>
/// The job-application saga's steps and compensation as plain code: given the state, run one step and
/// say what comes next. It knows nothing of actors (the host that drives it), so moving the saga onto
/// another engine (Dapr Workflows) touches only the host. Every step can run again after a crash:
/// the database changes are guarded transitions, and a repeated notification carries the same
/// idempotency key.
/// </summary>
public sealed class JobApplicationProcess(
    JobsDbContext db,
    ApplicationLifecycle lifecycle,
    IUserEligibility users,
    INotificationSender notifications,
    IOptions<JobApplicationSagaOptions> options,
    TimeProvider time,
    ILogger<JobApplicationProcess> logger)
{
    public const string EmployerNotNotifiedReason = "employer-not-notified";
    public const string ExpiredReason = "no-decision-before-deadline";
    public const string EligibilityUnavailableReason = "eligibility-unavailable";

    public async Task<SagaState> AdvanceAsync(SagaState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (state.Step == SagaStep.Finished) return state;
        if (state.Step == SagaStep.Compensate) return await CompensateAsync(state, cancellationToken);

        var subject = await db.Applications.AsNoTracking()
            .Where(a => a.Id == state.ApplicationId)
            .Join(db.Jobs, a => a.JobId, j => j.Id, (a, j) => new { Application = a, Job = j })
            .SingleOrDefaultAsync(cancellationToken);
        if (subject is null) return state.Finish(now);
        var (application, job) = (subject.Application, subject.Job);

        return state.Step switch
        {
            SagaStep.ConfirmEligibility => application.Status != ApplicationStatus.Pending
                ? state.Finish(now)
                : await TryStepAsync(state, EligibilityUnavailableReason, () => ConfirmEligibilityAsync(state, application, cancellationToken)),
            SagaStep.NotifyEmployer => application.Status != ApplicationStatus.Pending
                ? state.Finish(now)
                : await TryStepAsync(state, EmployerNotNotifiedReason, () => NotifyEmployerAsync(state, application, job, cancellationToken)),
            SagaStep.AwaitDecision => application.Status != ApplicationStatus.Submitted
                ? state.Finish(now)
                : now >= DecisionDeadline(job)
                    ? state.CompensateWith(ApplicationStatus.Expired, ExpiredReason, now)
                    : state with { NotBefore = DecisionDeadline(job) },
            _ => throw new InvalidOperationException($"unknown saga step {state.Step}"),
        };
    }

    private async Task<SagaState> ConfirmEligibilityAsync(SagaState state, Application application, CancellationToken cancellationToken)
    {
        var eligibility = await users.CheckAsync(application.WorkerId, cancellationToken);
        var now = time.GetUtcNow();
        return eligibility.Eligible
            ? state.MoveTo(SagaStep.NotifyEmployer, now)
            : state.CompensateWith(ApplicationStatus.Rejected, "ineligible:" + string.Join(',', eligibility.Reasons), now);
    }

    private async Task<SagaState> NotifyEmployerAsync(SagaState state, Application application, Job job, CancellationToken cancellationToken)
    {
        await notifications.SendAsync(new NotificationRequest(
            job.EmployerId,
            "application-submitted",
            new Dictionary<string, string> { ["jobTitle"] = job.Title, ["applicationId"] = application.Id.ToString(), ["jobId"] = job.Id.ToString() },
            $"application-submitted:{application.Id}"), cancellationToken);
        await lifecycle.CompleteSubmissionAsync(application.Id, cancellationToken);
        var now = time.GetUtcNow();
        if (job.MatchingMode == MatchingMode.Instant) return state.Finish(now);
        var deadline = DecisionDeadline(job);
        return state.MoveTo(SagaStep.AwaitDecision, deadline > now ? deadline : now);
    }

    /// <summary>An application still unanswered this long before the work starts expires.</summary>
    private DateTimeOffset DecisionDeadline(Job job) => job.StartsAt - options.Value.DecisionLeadTime;

    /// <summary>Runs a step that calls another service; a failure is tried again with backoff until the budget is spent, then compensated.</summary>
    private async Task<SagaState> TryStepAsync(SagaState state, string exhaustedReason, Func<Task<SagaState>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            var now = time.GetUtcNow();
            var attempts = state.Attempts + 1;
            logger.LogWarning("saga {ApplicationId}: {Step} failed (attempt {Attempts}): {Error}", state.ApplicationId, state.Step, attempts, ex.Message);
            if (attempts >= options.Value.StepAttempts) return state.CompensateWith(ApplicationStatus.Failed, exhaustedReason, now);
            var delay = TimeSpan.FromTicks(Math.Min(options.Value.RetryDelay.Ticks << Math.Min(attempts - 1, 20), options.Value.MaxRetryDelay.Ticks));
            return state with { Attempts = attempts, NotBefore = now + delay };
        }
    }

    /// <summary>Releases the slot, ends the application with the outcome, tells the applicant (the rejected event notifications delivers).</summary>
    private async Task<SagaState> CompensateAsync(SagaState state, CancellationToken cancellationToken)
    {
        var outcome = state.CompensationOutcome ?? ApplicationStatus.Failed;
        var change = await lifecycle.CompensateAsync(state.ApplicationId, outcome, state.CompensationReason ?? "saga-failed", cancellationToken);
        var log = state.CompensationLog.ToList();
        log.Add(change.Outcome == ApplicationChangeOutcome.Done
            ? $"application {outcome}, its slot (if it held one) released, applicant told: {state.CompensationReason}"
            : $"nothing to compensate: {change.Refusal ?? "application not found"}");
        return state.Finish(time.GetUtcNow()) with { CompensationLog = log };
    }
}
