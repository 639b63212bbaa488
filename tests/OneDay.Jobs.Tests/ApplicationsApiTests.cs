using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Contracts.Jobs;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Outbox;

namespace OneDay.Jobs.Tests;

/// <summary>Applying, deciding, cancelling, completing and paying; never overbooking; who may see and do what.</summary>
[Collection(JobsCollection.Name)]
public sealed class ApplicationsApiTests(JobsFixture fixture)
{
    private async Task<HttpStatusCode> PostAsync(Guid userId, UserRole role, string path, object? body = null)
    {
        using var client = fixture.Client(userId, role);
        using var response = body is null
            ? await client.PostAsync(new Uri(path, UriKind.Relative), null)
            : await client.PostAsJsonAsync(path, body, ContractJson.Options);
        return response.StatusCode;
    }

    private async Task<ApplicationView> SubmittedApplicationAsync(Guid jobId, Guid worker)
    {
        var (status, application) = await fixture.ApplyAsync(jobId, worker);
        Assert.Equal(HttpStatusCode.Accepted, status);
        // Fifty workflows at once each check the worker with users before the employer is told: on a busy
        // two-core machine that takes longer than one application's usual wait.
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted, TimeSpan.FromSeconds(90));
        return application;
    }

    [Fact]
    public async Task Fifty_concurrent_accepts_on_a_job_for_three_accept_exactly_three_and_fill_it()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 3));
        var applications = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SubmittedApplicationAsync(job.Id, Guid.NewGuid())));

        var answers = await Task.WhenAll(applications.Select(a => PostAsync(employer, UserRole.Employer, $"/jobs/applications/{a.Id}/accept")));

        Assert.Equal(3, answers.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(47, answers.Count(s => s == HttpStatusCode.Conflict));
        var filled = await fixture.JobAsync(job.Id);
        Assert.Equal(JobStatus.Filled, filled.Status);
        Assert.Equal(3, filled.FilledCount);
        var accepted = applications.Where((_, i) => answers[i] == HttpStatusCode.OK).Select(a => a.Id).ToList();
        await fixture.Events.WaitForAsync(_ => accepted.All(id => fixture.EventsAbout("job-matched", "applicationId", id).Any()));
        Assert.Equal(3, fixture.EventsAbout("job-matched", "jobId", job.Id).Count());
        await fixture.Events.WaitForAsync(_ => fixture.Snapshots("job-updated", job.Id).Any(s => s.GetProperty("status").GetString() == "Filled"));
        var versions = fixture.Snapshots("job-updated", job.Id).Select(s => s.GetProperty("version").GetInt64()).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Fifty_concurrent_instant_applications_to_a_job_for_three_take_exactly_three_slots_and_fill_the_waitlist()
    {
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(headcount: 3, matchingMode: MatchingMode.Instant));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => fixture.ApplyAsync(job.Id, Guid.NewGuid())));

        var taken = answers.Where(a => a.Application?.Status == ApplicationStatus.Pending).Select(a => a.Application!).ToList();
        var waitlist = new WaitlistOptions().Capacity;
        Assert.Equal(3, taken.Count);
        Assert.Equal(waitlist, answers.Count(a => a.Application?.Status == ApplicationStatus.Waitlisted));
        Assert.Equal(47 - waitlist, answers.Count(a => a.Status == HttpStatusCode.Conflict));
        foreach (var application in taken) await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Accepted);
        var filled = await fixture.JobAsync(job.Id);
        Assert.Equal((JobStatus.Filled, 3), (filled.Status, filled.FilledCount));
    }

    [Fact]
    public async Task A_worker_cancelling_an_accepted_application_reopens_the_slot()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 1));
        var application = await SubmittedApplicationAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, $"/jobs/applications/{application.Id}/accept"));
        Assert.Equal(JobStatus.Filled, (await fixture.JobAsync(job.Id)).Status);

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(Guid.NewGuid(), UserRole.Worker, $"/jobs/applications/{application.Id}/cancel"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(worker, UserRole.Worker, $"/jobs/applications/{application.Id}/cancel"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(worker, UserRole.Worker, $"/jobs/applications/{application.Id}/cancel"));

        var reopened = await fixture.JobAsync(job.Id);
        Assert.Equal((JobStatus.Open, 0), (reopened.Status, reopened.FilledCount));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Any());
        var cancelled = fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Single();
        Assert.Equal(worker, cancelled.GetProperty("cancelledBy").GetGuid());
    }

    [Fact]
    public async Task Only_workers_apply_once_per_job_never_to_their_own_or_a_closed_job()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 1));

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(employer, UserRole.Employer, $"/jobs/{job.Id}/apply"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(employer, UserRole.Worker, $"/jobs/{job.Id}/apply"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(worker, UserRole.Worker, $"/jobs/{Guid.NewGuid()}/apply"));
        var application = await SubmittedApplicationAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(worker, UserRole.Worker, $"/jobs/{job.Id}/apply"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, $"/jobs/applications/{application.Id}/accept"));
        // Full now: the next applicant is waitlisted (WaitlistTests), and still only once.
        var waitlisted = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(waitlisted, UserRole.Worker, $"/jobs/{job.Id}/apply"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(waitlisted, UserRole.Worker, $"/jobs/{job.Id}/apply"));
    }

    [Fact]
    public async Task A_closed_job_takes_no_more_applications()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job());

        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Guid.NewGuid(), UserRole.Employer, $"/jobs/{job.Id}/close"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, $"/jobs/{job.Id}/close"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(employer, UserRole.Employer, $"/jobs/{job.Id}/close"));

        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(Guid.NewGuid(), UserRole.Worker, $"/jobs/{job.Id}/apply"));
        Assert.Equal(JobStatus.Closed, (await fixture.JobAsync(job.Id)).Status);
    }

    [Fact]
    public async Task An_application_committed_with_its_workflow_start_gets_its_workflow_from_the_outbox()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        // What the apply request commits, without the request: the application and its workflow's start in one unit of work.
        var application = Application.Record(job.Id, Guid.NewGuid(), employer, holdsSlot: false, DateTimeOffset.UtcNow);
        await using (var scope = fixture.Service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
            db.Applications.Add(application);
            scope.ServiceProvider.GetRequiredService<JobApplicationWorkflows>().StartOnCommit(scope.ServiceProvider.GetRequiredService<IntegrationEventOutbox<JobsDbContext>>(), application, job.StartsAt);
            await db.SaveChangesAsync();
        }

        await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Submitted, TimeSpan.FromSeconds(20));
        Assert.Single(fixture.Notifications.SentTo(employer));
    }

    [Fact]
    public async Task Applications_are_seen_and_decided_only_by_their_job_owner_and_their_applicant()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        var application = await SubmittedApplicationAsync(job.Id, worker);
        using var owner = fixture.Client(employer, UserRole.Employer);
        using var otherEmployer = fixture.Client(Guid.NewGuid(), UserRole.Employer);
        using var applicant = fixture.Client(worker, UserRole.Worker);
        using var otherWorker = fixture.Client(Guid.NewGuid(), UserRole.Worker);

        var forOwner = await owner.GetFromJsonAsync<List<ApplicationView>>($"/jobs/{job.Id}/applications", ContractJson.Options);
        using var forOtherEmployer = await otherEmployer.GetAsync(new Uri($"/jobs/{job.Id}/applications", UriKind.Relative));
        using var forWorker = await applicant.GetAsync(new Uri($"/jobs/{job.Id}/applications", UriKind.Relative));
        var mine = await applicant.GetFromJsonAsync<List<ApplicationView>>("/jobs/applications/mine", ContractJson.Options);
        var othersMine = await otherWorker.GetFromJsonAsync<List<ApplicationView>>("/jobs/applications/mine", ContractJson.Options);
        using var seenByOther = await otherWorker.GetAsync(new Uri($"/jobs/applications/{application.Id}", UriKind.Relative));

        Assert.Equal(application.Id, Assert.Single(forOwner!).Id);
        Assert.Equal(HttpStatusCode.Forbidden, forOtherEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forWorker.StatusCode);
        Assert.Equal(application.Id, Assert.Single(mine!).Id);
        Assert.Empty(othersMine!);
        Assert.Equal(HttpStatusCode.NotFound, seenByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Guid.NewGuid(), UserRole.Employer, $"/jobs/applications/{application.Id}/accept"));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(worker, UserRole.Worker, $"/jobs/applications/{application.Id}/accept"));
        Assert.Equal(ApplicationStatus.Submitted, (await fixture.ApplicationAsync(application.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, $"/jobs/applications/{application.Id}/reject", new RejectApplication("경력자 우대")));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        Assert.Equal("경력자 우대", fixture.EventsAbout("application-rejected", "applicationId", application.Id).Single().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Deleting_a_job_with_accepted_workers_cancels_it_and_their_applications()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 2, matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        using var owner = fixture.Client(employer, UserRole.Employer);

        using var deleted = await owner.DeleteAsync(new Uri($"/jobs/{job.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(JobStatus.Cancelled, (await fixture.JobAsync(job.Id)).Status);
        Assert.Equal(ApplicationStatus.Cancelled, (await fixture.ApplicationAsync(application.Id)).Status);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Any()
            && fixture.EventsAbout("job-deleted", "jobId", job.Id).Any());
        Assert.Equal("job-cancelled", fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Single().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Completed_work_publishes_the_wage_owed()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromSeconds(3), wageKrw: 12_000, matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        var path = $"/jobs/applications/{application.Id}/complete";

        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(employer, UserRole.Employer, path, new CompleteWork(90)));
        await OneDay.Testing.Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > job.StartsAt), what: "the work starting");
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(employer, UserRole.Employer, path, new CompleteWork(0)));
        await fixture.SignContractByBothAsync(application.Id);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, path, new CompleteWork(90)));
        Assert.Equal(JobStatus.Completed, (await fixture.JobAsync(job.Id)).Status);

        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-completed", "applicationId", application.Id).Any());
        var completed = fixture.EventsAbout("job-completed", "applicationId", application.Id).Single();
        // The wage as posted and the minutes recorded: payments works out what they come to (overtime included).
        Assert.Equal(12_000, completed.GetProperty("wageKrw").GetInt64());
        Assert.Equal("Hourly", completed.GetProperty("wageUnit").GetString());
        Assert.Equal(90, completed.GetProperty("minutesWorked").GetInt32());
        // No attendance record: job-completed is how the worker hears of it.
        Assert.False(completed.GetProperty("fromAttendanceRecord").GetBoolean());
        Assert.Equal(worker, completed.GetProperty("workerId").GetGuid());
    }

    [Fact]
    public async Task Jobs_learns_of_payments_only_from_payments_calls_never_from_their_events()
    {
        using var client = fixture.Service.CreateClient();

        var subscriptions = await client.GetFromJsonAsync<JsonElement>("/dapr/subscribe");

        // payments' workflow calls /internal/jobs/applications/{id}/paid|unpaid; payment-completed is only for telling people.
        // Users' names come by event: a labour contract names its parties.
        Assert.Equal(["user-created", "user-deleted", "user-updated"], subscriptions.EnumerateArray().Select(s => s.GetProperty("topic").GetString()));
    }

    [Fact]
    public async Task Payments_marks_an_application_paid_and_unpaid_through_the_internal_routes_idempotently()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromSeconds(2), matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        using var client = fixture.Service.CreateClient();
        var paid = new Uri($"/internal/jobs/applications/{application.Id}/paid", UriKind.Relative);

        using (var early = await client.PostAsync(paid, null)) Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await OneDay.Testing.Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > job.StartsAt), what: "the work starting");
        await fixture.SignContractByBothAsync(application.Id);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(employer, UserRole.Employer, $"/jobs/applications/{application.Id}/complete", new CompleteWork(480)));
        using (var first = await client.PostAsync(paid, null)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var again = await client.PostAsync(paid, null)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ApplicationStatus.Paid, (await fixture.ApplicationAsync(application.Id)).Status);
        using (var unpaid = await client.PostAsync(new Uri($"/internal/jobs/applications/{application.Id}/unpaid", UriKind.Relative), null)) Assert.Equal(HttpStatusCode.OK, unpaid.StatusCode);
        Assert.Equal(ApplicationStatus.Completed, (await fixture.ApplicationAsync(application.Id)).Status);
        using (var missing = await client.PostAsync(new Uri($"/internal/jobs/applications/{Guid.NewGuid()}/paid", UriKind.Relative), null)) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Search_pages_through_every_job_snapshot_for_a_reindex()
    {
        for (var i = 0; i < 3; i++) await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job());
        using var client = fixture.Service.CreateClient();

        var seen = new List<Guid>();
        Guid? after = null;
        do
        {
            var page = (await client.GetFromJsonAsync<JobSnapshotPage>($"/internal/jobs?limit=2{(after is null ? "" : $"&after={after}")}", ContractJson.Options))!;
            seen.AddRange(page.Items.Select(s => s.JobId));
            after = page.Next;
        }
        while (after is not null);

        var all = await fixture.QueryAsync(db => Task.FromResult(db.Jobs.Select(j => j.Id).ToList()));
        Assert.Equal(all.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
