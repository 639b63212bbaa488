using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.DaprEmulator.Actors;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Jobs;
using OneDay.Jobs.Saga;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>
/// The job-application saga end to end: the real app beside its sidecar, users and notifications as
/// real HTTP peers behind theirs, reminders driving each step.
/// </summary>
[Collection(JobsCollection.Name)]
public sealed class ApplicationSagaTests(JobsFixture fixture)
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
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-submitted", "applicationId", application.Id).Any());
        var payload = Assert.Single(fixture.EventsAbout("application-submitted", "applicationId", application.Id));
        Assert.Equal(worker, payload.GetProperty("workerId").GetGuid());
        Assert.Equal(employer, payload.GetProperty("employerId").GetGuid());
        Assert.Equal(job.Title, payload.GetProperty("jobTitle").GetString());
        var saga = await SagaStateAsync(application.Id);
        Assert.Equal(SagaStep.AwaitDecision, saga!.Step);
    }

    [Fact]
    public async Task An_ineligible_applicant_is_rejected_with_the_reason()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        fixture.Users.MakeIneligible(worker, "not-verified", "suspended");
        var job = await fixture.PostJobAsync(employer, Terms.Job());

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        var rejected = await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Rejected);
        Assert.Equal("ineligible:not-verified,suspended", rejected.Reason);
        Assert.Empty(fixture.Notifications.SentTo(employer));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        var told = fixture.EventsAbout("application-rejected", "applicationId", application.Id).Single();
        Assert.Equal("ineligible:not-verified,suspended", told.GetProperty("reason").GetString());
        Assert.Equal("Rejected", told.GetProperty("outcome").GetString());
        await WaitForSagaToFinishAsync(application.Id);
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
    public async Task When_the_employer_cannot_be_told_the_saga_compensates_releasing_the_slot_and_telling_the_applicant()
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
        Assert.Equal(JobApplicationProcess.EmployerNotNotifiedReason, failed.Reason);
        Assert.False(failed.HoldsSlot);
        var released = await fixture.JobAsync(job.Id);
        Assert.Equal(0, released.FilledCount);
        Assert.Equal(JobStatus.Open, released.Status);
        Assert.Equal(3, fixture.Notifications.AttemptsFor(employer));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        var told = fixture.EventsAbout("application-rejected", "applicationId", application.Id).Single();
        Assert.Equal(worker, told.GetProperty("workerId").GetGuid());
        Assert.Equal(JobApplicationProcess.EmployerNotNotifiedReason, told.GetProperty("reason").GetString());
        Assert.Equal("Failed", told.GetProperty("outcome").GetString());
        var saga = await WaitForSagaToFinishAsync(application.Id);
        Assert.Single(saga.CompensationLog);
    }

    [Fact]
    public async Task An_instant_job_accepts_an_eligible_applicant_and_matches_them()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 2, matchingMode: MatchingMode.Instant));

        var (_, application) = await fixture.ApplyAsync(job.Id, worker);

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-matched", "applicationId", application.Id).Any()
            && fixture.EventsAbout("application-accepted", "applicationId", application.Id).Any());
        var matched = fixture.EventsAbout("job-matched", "applicationId", application.Id).Single();
        Assert.Equal(worker, matched.GetProperty("workerId").GetGuid());
        Assert.Equal(employer, matched.GetProperty("employerId").GetGuid());
        Assert.Equal(job.StartsAt, matched.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(1, (await fixture.JobAsync(job.Id)).FilledCount);
        await WaitForSagaToFinishAsync(application.Id);
    }

    [Fact]
    public async Task An_application_the_employer_leaves_unanswered_past_the_deadline_expires()
    {
        var employer = Guid.NewGuid();
        // The deadline is two hours before the start (ApplicationSaga:DecisionLeadTime): three seconds from now.
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(2) + TimeSpan.FromSeconds(3)));

        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted);
        var expired = await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Expired, TimeSpan.FromSeconds(30));
        Assert.Equal(JobApplicationProcess.ExpiredReason, expired.Reason);
        await WaitForSagaToFinishAsync(application.Id);
    }

    [Fact]
    public async Task A_decision_ends_the_saga_at_once_and_its_reminder_with_it()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromDays(3)));
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted);

        using var client = fixture.Client(employer, UserRole.Employer);
        using var accepted = await client.PostAsync(new Uri($"/jobs/applications/{application.Id}/accept", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await WaitForSagaToFinishAsync(application.Id);
        Assert.Equal(ApplicationStatus.Accepted, (await fixture.ApplicationAsync(application.Id)).Status);
    }

    private async Task<SagaState?> SagaStateAsync(Guid applicationId) =>
        await ApplicationsApiProxy(applicationId).GetStateAsync();

    private IJobApplicationSaga ApplicationsApiProxy(Guid applicationId) =>
        Dapr.Actors.Client.ActorProxy.Create<IJobApplicationSaga>(new Dapr.Actors.ActorId(applicationId.ToString()), nameof(JobApplicationSaga),
            new Dapr.Actors.Client.ActorProxyOptions
            {
                HttpEndpoint = fixture.Service.Sidecar.HttpEndpoint.ToString(),
                UseJsonSerialization = true,
                JsonSerializerOptions = ContractJson.Options,
            });

    /// <summary>Waits until the saga has finished and its reminder is gone from the cluster.</summary>
    private async Task<SagaState> WaitForSagaToFinishAsync(Guid applicationId)
    {
        await OneDay.Testing.Eventually.TrueAsync(async () => (await SagaStateAsync(applicationId))?.Step == SagaStep.Finished, TimeSpan.FromSeconds(30), "the saga finishing");
        await OneDay.Testing.Eventually.TrueAsync(
            () => Task.FromResult(fixture.Dapr.Cluster.Actors.GetReminder(new ActorKey(nameof(JobApplicationSaga), applicationId.ToString()), "advance") is null),
            what: "the saga's reminder being unregistered");
        return (await SagaStateAsync(applicationId))!;
    }
}
