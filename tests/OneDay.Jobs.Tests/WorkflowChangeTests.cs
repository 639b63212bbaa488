using System.Net.Http.Json;
using Dapr.Workflow;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>
/// A deploy that changes the application workflow while instances wait (the halfway reminder, behind
/// <see cref="JobApplicationWorkflow.DecisionReminderPatch"/>; the waitlist, behind <see cref="JobApplicationWorkflow.WaitlistPatch"/>):
/// those started by the old build finish on their old path, new ones take the new one. The offer onward of an unconfirmed
/// worker's place is proved the same way in <see cref="OfferOnwardChangeTests"/>, which needs the settings that turn it on.
/// </summary>
public sealed class WorkflowChangeTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    [Fact]
    public async Task An_application_waiting_through_the_deploy_expires_unreminded_and_one_applied_after_it_is_reminded_halfway()
    {
        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask, services: EarlierBuild.Of<WorkflowBeforeTheReminder>());
        var (oldEmployer, oldWorker, oldApplication) = await ApplyAsync(TimeSpan.FromSeconds(12));
        await Eventually.TrueAsync(async () => (await fixture.ReadAsync(oldApplication, oldWorker, UserRole.Worker)).Workflow?.Step == JobApplicationStep.AwaitingDecision,
            what: "the old build's workflow waiting for the employer");

        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask);
        var (newEmployer, newWorker, newApplication) = await ApplyAsync(TimeSpan.FromSeconds(4));

        foreach (var (application, worker) in new[] { (oldApplication, oldWorker), (newApplication, newWorker) })
        {
            var expired = await fixture.WaitForStatusAsync(application, ApplicationStatus.Expired, TimeSpan.FromSeconds(40));
            Assert.Equal(JobApplicationWorkflow.ExpiredReason, expired.Reason);
            await fixture.WaitForWorkflowToFinishAsync(application, worker);
        }
        Assert.Equal(["application-submitted"], Kinds(oldEmployer));
        Assert.Equal(["application-submitted", "application-decision-reminder"], Kinds(newEmployer));
    }

    [Fact]
    public async Task An_employer_who_decides_before_halfway_is_not_reminded()
    {
        var (employer, worker, application) = await ApplyAsync(TimeSpan.FromSeconds(6));
        await fixture.WaitForStatusAsync(application, ApplicationStatus.Submitted);
        using var client = fixture.Client(employer, UserRole.Employer);
        using var accepted = await client.PostAsync(new Uri($"/jobs/applications/{application}/accept", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);

        var finished = await fixture.WaitForWorkflowPastDecisionAsync(application, worker, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(4)); // past the halfway point the reminder would have come at
        Assert.Equal(ApplicationStatus.Accepted, finished.Status);
        Assert.Equal(["application-submitted"], Kinds(employer));
    }

    [Fact]
    public async Task An_application_waiting_through_the_deploy_of_the_waitlist_is_decided_as_before_and_one_applied_after_it_to_a_full_job_waits_for_a_place()
    {
        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask, services: EarlierBuild.Of<WorkflowBeforeTheWaitlist>());
        var (oldEmployer, oldWorker, oldApplication) = await ApplyAsync(TimeSpan.FromMinutes(2));
        await fixture.WaitForStepAsync(oldApplication, oldWorker, JobApplicationStep.AwaitingDecision);

        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask);
        // The decision wakes the old instance: the new build replays its history, past the waitlist's place, to the end.
        using (var client = fixture.Client(oldEmployer, UserRole.Employer))
        {
            using var rejected = await client.PostAsJsonAsync($"/jobs/applications/{oldApplication}/reject", new { reason = "다른 지원자를 뽑았습니다" });
            Assert.Equal(System.Net.HttpStatusCode.OK, rejected.StatusCode);
        }
        var full = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(headcount: 1, matchingMode: MatchingMode.Instant));
        var (_, matched) = await fixture.ApplyAsync(full.Id, Guid.NewGuid());
        var waiting = Guid.NewGuid();
        var (_, waitlisted) = await fixture.ApplyAsync(full.Id, waiting);

        Assert.Equal(ApplicationStatus.Rejected, (await fixture.WaitForWorkflowToFinishAsync(oldApplication, oldWorker)).Status);
        Assert.Equal(["application-submitted"], Kinds(oldEmployer));
        await fixture.WaitForStatusAsync(matched!.Id, ApplicationStatus.Accepted);
        var waits = await fixture.WaitForStepAsync(waitlisted!.Id, waiting, JobApplicationStep.Waitlisted);
        Assert.Equal(ApplicationStatus.Waitlisted, waits.Status);
        // Waiting for a place, it has not gone to the employer.
        Assert.Equal(["application-submitted"], Kinds(full.EmployerId));
    }

    /// <summary>A Review-mode application whose decision deadline (two hours before the start) is <paramref name="untilDeadline"/> away.</summary>
    private async Task<(Guid Employer, Guid Worker, Guid Application)> ApplyAsync(TimeSpan untilDeadline)
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(2) + untilDeadline));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        return (employer, worker, application!.Id);
    }

    private string[] Kinds(Guid employer) => fixture.Notifications.SentTo(employer).Select(n => n.GetProperty("kind").GetString()!).ToArray();

    /// <summary>
    /// The application workflow of the build before the waitlist, on the path the test takes (eligible, employer told,
    /// submitted, decided before the reminder): it had the reminder's patch. Its instances carry no waitlist closing time;
    /// the patch keeps the new build off the waitlist's branch in their replay all the same.
    /// </summary>
    private sealed class WorkflowBeforeTheWaitlist : Workflow<JobApplicationWorkflowInput, ApplicationStatus?>
    {
        public override async Task<ApplicationStatus?> RunAsync(WorkflowContext context, JobApplicationWorkflowInput input)
        {
            var submission = await EarlierBuild.SubmittedAsync(context, input);
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingDecision, submission.DecisionDeadline));
            _ = context.IsPatched(JobApplicationWorkflow.DecisionReminderPatch); // recorded in the history, as that build did
            var untilDeadline = submission.DecisionDeadline - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var decided = await context.WaitForExternalEventAsync<ApplicationDecided>(ApplicationDecided.EventName, untilDeadline / 2);
            return decided.Status;
        }
    }

    /// <summary>
    /// The application workflow of the build before the reminder, on the path these tests take (eligible, employer
    /// told, submitted, waiting until the deadline): the history an instance in flight carries into the deploy.
    /// </summary>
    private sealed class WorkflowBeforeTheReminder : Workflow<JobApplicationWorkflowInput, ApplicationStatus?>
    {
        public override async Task<ApplicationStatus?> RunAsync(WorkflowContext context, JobApplicationWorkflowInput input)
        {
            var submission = await EarlierBuild.SubmittedAsync(context, input);
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingDecision, submission.DecisionDeadline));
            var decided = await context.WaitForExternalEventAsync<ApplicationDecided>(
                ApplicationDecided.EventName, submission.DecisionDeadline - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
            return decided.Status;
        }
    }
}

/// <summary>
/// The deploy that added the offer onward of an unconfirmed worker's place (<see cref="JobApplicationWorkflow.OfferOnwardPatch"/>),
/// with the settings that turn it on, on a jobs app of its own: the restarts stay out of <see cref="OfferOnwardTests"/>.
/// </summary>
public sealed class OfferOnwardChangeTests(OfferOnwardFixture fixture) : IClassFixture<OfferOnwardFixture>
{
    /// <summary>
    /// A worker whose confirmation was already overdue under the old build keeps the place when the new build replays the
    /// instance, and the shift goes on to its end (here a no-show); a worker matched after the deploy who does not confirm
    /// loses it to the waitlist.
    /// </summary>
    [Fact]
    public async Task A_worker_unconfirmed_before_the_deploy_of_the_offer_onward_keeps_the_place_and_one_unconfirmed_after_it_loses_it()
    {
        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask, services: EarlierBuild.Of<WorkflowBeforeOfferingOnward>(options =>
        {
            options.RegisterActivity<AskWorkerToConfirmActivity>();
            options.RegisterActivity<TellEmployerUnconfirmedActivity>();
            options.RegisterActivity<RemindWorkerActivity>();
        }));
        var (oldJob, oldApplication, oldWorker) = await fixture.MatchedBeforeTheDayAsync(OfferOnwardFixture.StartsIn);
        await fixture.WaitForStepAsync(oldApplication, oldWorker, JobApplicationStep.AwaitingShiftReminder);

        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask);
        // Someone waits for the overdue worker's place (applying to the new build, which waitlists).
        var (_, oldWaiting) = await fixture.ApplyAsync(oldJob.Id, Guid.NewGuid());
        var (newJob, newApplication, newWorker) = await fixture.MatchedBeforeTheDayAsync(OfferOnwardFixture.StartsIn);
        var (_, newWaiting) = await fixture.ApplyAsync(newJob.Id, Guid.NewGuid());

        // The reminder's timer wakes the old instance: the new build replays it past the overdue confirmation without offering
        // the place on, reminds the worker, and marks the no-show at the start; the place goes to the waitlist only then.
        Assert.Equal(ApplicationStatus.NoShow, (await fixture.WaitForWorkflowToFinishAsync(oldApplication, oldWorker, TimeSpan.FromSeconds(40))).Status);
        Assert.Equal(["shift-confirmation-request", "shift-reminder"], fixture.Kinds(oldWorker));
        Assert.Contains("shift-unconfirmed", fixture.Kinds(oldJob.EmployerId));
        Assert.Empty(fixture.EventsAbout("application-cancelled", "applicationId", oldApplication));
        Assert.True((await fixture.WaitForStatusAsync(oldWaiting!.Id, ApplicationStatus.Accepted)).UpdatedAt >= oldJob.StartsAt);

        var letGo = await fixture.WaitForWorkflowToFinishAsync(newApplication, newWorker, TimeSpan.FromSeconds(40));
        Assert.Equal((ApplicationStatus.Cancelled, ApplicationLifecycle.UnconfirmedReason), (letGo.Status, letGo.Reason));
        Assert.True((await fixture.WaitForStatusAsync(newWaiting!.Id, ApplicationStatus.Accepted)).HoldsSlot);
    }

    /// <summary>
    /// The application workflow of the build before the offer onward, on the path the test takes (an Instant-mode match
    /// the day before, the worker asked and unconfirmed, the employer told, the reminder, then waiting for the check-in):
    /// the history an instance in flight carries into the deploy.
    /// </summary>
    private sealed class WorkflowBeforeOfferingOnward : Workflow<JobApplicationWorkflowInput, ApplicationStatus?>
    {
        public override async Task<ApplicationStatus?> RunAsync(WorkflowContext context, JobApplicationWorkflowInput input)
        {
            var submission = await EarlierBuild.SubmittedAsync(context, input);
            _ = context.IsPatched(JobApplicationWorkflow.ShiftPatch); // recorded in the history, as that build did
            var decided = context.WaitForExternalEventAsync<ApplicationDecided>(ApplicationDecided.EventName);
            await EarlierBuild.UntilAsync(context, JobApplicationStep.AwaitingShiftDay, submission.ConfirmationAskedAt!.Value, decided);
            await context.CallActivityAsync<bool>(nameof(AskWorkerToConfirmActivity), input);
            var confirmed = context.WaitForExternalEventAsync<ShiftConfirmed>(ShiftConfirmed.EventName);
            await EarlierBuild.UntilAsync(context, JobApplicationStep.AwaitingShiftConfirmation, submission.ConfirmationDueAt!.Value, confirmed, decided);
            await context.CallActivityAsync<bool>(nameof(TellEmployerUnconfirmedActivity), input);
            await EarlierBuild.UntilAsync(context, JobApplicationStep.AwaitingShiftReminder, submission.ShiftReminderAt!.Value, decided);
            await context.CallActivityAsync<bool>(nameof(RemindWorkerActivity), input);
            var checkedIn = context.WaitForExternalEventAsync<ShiftCheckedIn>(ShiftCheckedIn.EventName);
            await EarlierBuild.UntilAsync(context, JobApplicationStep.AwaitingCheckIn, submission.NoShowAt!.Value, checkedIn, decided);
            return decided.IsCompleted ? decided.Result.Status : null;
        }
    }
}
