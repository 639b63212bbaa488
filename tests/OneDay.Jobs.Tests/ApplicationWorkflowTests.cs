using System.Net;
using Dapr.Workflow;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Tests;

/// <summary>
/// The job-application workflow end to end: the real app and its workflow worker beside its sidecar,
/// users and notifications as real HTTP peers behind theirs, the workflow's history in the emulator.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class ApplicationWorkflowTests(JobsFixture fixture)
{
    [Fact]
    public async Task An_eligible_application_is_submitted_and_the_employer_told()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job());

        var (status, application) = await fixture.ApplyAsync(job.Id, worker);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(ApplicationStatus.Pending, application!.Status);
        await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Submitted);
        var told = Assert.Single(fixture.Notifications.SentTo(employer));
        Assert.Equal("application-submitted", told.GetProperty("kind").GetString());
        Assert.Equal(application.Id.ToString(), told.GetProperty("parameters").GetProperty("applicationId").GetString());
        Assert.Equal($"application-submitted:{application.Id}", told.GetProperty("idempotencyKey").GetString());
        Assert.Equal(job.Title, told.GetProperty("parameters").GetProperty("jobTitle").GetString());
        await OneDay.Testing.Eventually.TrueAsync(async () => (await fixture.ReadAsync(application.Id, employer, UserRole.Employer)).Workflow?.Step == JobApplicationStep.AwaitingDecision,
            what: "the workflow waiting for the employer");
        var waiting = (await fixture.ReadAsync(application.Id, employer, UserRole.Employer)).Workflow!;
        Assert.Equal(WorkflowRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(job.StartsAt - TimeSpan.FromHours(2), waiting.DecisionDeadline);
    }

    [Fact]
    public async Task An_ineligible_applicant_is_rejected_with_the_reason()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        fixture.Users.MakeIneligible(worker, IneligibilityReason.EmailNotVerified, IneligibilityReason.Suspended);
        var job = await fixture.PostJobAsync(employer, Terms.Job());

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        var rejected = await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Rejected);
        Assert.Equal("ineligible:email-not-verified,suspended", rejected.Reason);
        Assert.Empty(fixture.Notifications.SentTo(employer));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        var told = fixture.EventsAbout("application-rejected", "applicationId", application.Id).Single();
        Assert.Equal("ineligible:email-not-verified,suspended", told.GetProperty("reason").GetString());
        Assert.Equal("Rejected", told.GetProperty("outcome").GetString());
        Assert.Equal(job.Title, told.GetProperty("jobTitle").GetString());
        await fixture.WaitForWorkflowToFinishAsync(application.Id, worker);
    }

    [Fact]
    public async Task An_ineligible_applicant_frees_the_slot_of_an_instant_job_for_the_next()
    {
        var ineligible = Guid.NewGuid();
        fixture.Users.MakeIneligible(ineligible, IneligibilityReason.Suspended);
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(headcount: 1, matchingMode: MatchingMode.Instant));

        var (_, first) = await fixture.ApplyAsync(job.Id, ineligible);
        await fixture.WaitForStatusAsync(first!.Id, ApplicationStatus.Rejected);
        var (status, next) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        Assert.False((await fixture.ApplicationAsync(first.Id)).HoldsSlot);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await fixture.WaitForStatusAsync(next!.Id, ApplicationStatus.Accepted);
        Assert.Equal(1, (await fixture.JobAsync(job.Id)).FilledCount);
    }

    [Fact]
    public async Task An_unknown_applicant_is_rejected_as_not_found()
    {
        var worker = Guid.NewGuid();
        fixture.Users.Forget(worker);
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job());

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        Assert.Equal("ineligible:not-found", (await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Rejected)).Reason);
    }

    [Fact]
    public async Task A_notification_that_fails_a_few_times_is_retried_and_the_application_submitted()
    {
        var employer = Guid.NewGuid();
        fixture.Notifications.FailFor(employer, times: 2);
        var job = await fixture.PostJobAsync(employer, Terms.Job());

        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted);
        Assert.Equal(3, fixture.Notifications.AttemptsFor(employer));
        Assert.Single(fixture.Notifications.SentTo(employer));
    }

    [Fact]
    public async Task When_the_employer_cannot_be_told_the_workflow_compensates_releasing_the_slot_and_telling_the_applicant()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        fixture.Notifications.FailFor(employer);
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 1, matchingMode: MatchingMode.Instant));

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        var whileReserved = await fixture.JobAsync(job.Id);

        Assert.Equal(1, whileReserved.FilledCount);
        Assert.Equal(JobStatus.Filled, whileReserved.Status);
        var failed = await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Failed);
        Assert.Equal(JobApplicationWorkflow.EmployerNotNotifiedReason, failed.Reason);
        Assert.False(failed.HoldsSlot);
        var released = await fixture.JobAsync(job.Id);
        Assert.Equal(0, released.FilledCount);
        Assert.Equal(JobStatus.Open, released.Status);
        Assert.Equal(3, fixture.Notifications.AttemptsFor(employer));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        await fixture.WaitForWorkflowToFinishAsync(application.Id, worker);
        var told = Assert.Single(fixture.EventsAbout("application-rejected", "applicationId", application.Id));
        Assert.Equal(worker, told.GetProperty("workerId").GetGuid());
        Assert.Equal(JobApplicationWorkflow.EmployerNotNotifiedReason, told.GetProperty("reason").GetString());
        Assert.Equal("Failed", told.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_instant_job_accepts_an_eligible_applicant_and_matches_them()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 2, matchingMode: MatchingMode.Instant));

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-matched", "applicationId", application.Id).Any());
        // The acceptance is announced once, as job-matched (there is no application-accepted beside it).
        var matched = fixture.EventsAbout("job-matched", "applicationId", application.Id).Single();
        Assert.Equal(worker, matched.GetProperty("workerId").GetGuid());
        Assert.Equal(employer, matched.GetProperty("employerId").GetGuid());
        Assert.Equal(job.StartsAt, matched.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(1, (await fixture.JobAsync(job.Id)).FilledCount);
        // Two days ahead: the workflow waits for the day before the work, to ask the worker to confirm.
        Assert.Equal(JobApplicationStep.AwaitingShiftDay, (await fixture.WaitForWorkflowPastDecisionAsync(application.Id, worker)).Workflow?.Step);
    }

    [Fact]
    public async Task An_application_the_employer_leaves_unanswered_past_the_deadline_expires()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        // The deadline is two hours before the start (ApplicationWorkflow:DecisionLeadTime): three seconds from now.
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(2) + TimeSpan.FromSeconds(3)));

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted);
        var expired = await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Expired, TimeSpan.FromSeconds(30));
        Assert.Equal(JobApplicationWorkflow.ExpiredReason, expired.Reason);
        await fixture.WaitForWorkflowToFinishAsync(application.Id, worker);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        Assert.Equal("Expired", Assert.Single(fixture.EventsAbout("application-rejected", "applicationId", application.Id)).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(UserRole.Employer, "accept", ApplicationStatus.Accepted, "job-matched")]
    [InlineData(UserRole.Employer, "reject", ApplicationStatus.Rejected, "application-rejected")]
    [InlineData(UserRole.Worker, "cancel", ApplicationStatus.Cancelled, "application-cancelled")]
    public async Task A_decision_while_the_workflow_waits_settles_it_at_once_and_happens_once(UserRole decider, string decision, ApplicationStatus outcome, string announcedOn)
    {
        var (employer, worker, application) = await AwaitingDecisionAsync();

        using var client = fixture.Client(decider == UserRole.Employer ? employer : worker, decider);
        using var decided = await client.PostAsync(new Uri($"/jobs/applications/{application}/{decision}", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        // A match goes on to the shift (three days ahead: first the day before); anything else ends the workflow.
        var finished = await fixture.WaitForWorkflowPastDecisionAsync(application, worker, TimeSpan.FromSeconds(10));
        Assert.Equal(outcome, finished.Status);
        Assert.Equal(outcome == ApplicationStatus.Accepted ? JobApplicationStep.AwaitingShiftDay : JobApplicationStep.Finished, finished.Workflow?.Step);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout(announcedOn, "applicationId", application).Any());
        Assert.Single(fixture.EventsAbout(announcedOn, "applicationId", application));
        // The workflow's compensation did not run on top of the decision: no second announcement of the end.
        if (outcome != ApplicationStatus.Rejected) Assert.Empty(fixture.EventsAbout("application-rejected", "applicationId", application));
    }

    /// <summary>An application to a job three days out, submitted, its workflow waiting for the employer.</summary>
    private async Task<(Guid Employer, Guid Worker, Guid Application)> AwaitingDecisionAsync()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromDays(3)));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await OneDay.Testing.Eventually.TrueAsync(async () => (await fixture.ReadAsync(application!.Id, worker, UserRole.Worker)).Workflow?.Step == JobApplicationStep.AwaitingDecision,
            what: "the workflow waiting for the employer");
        return (employer, worker, application!.Id);
    }
}
