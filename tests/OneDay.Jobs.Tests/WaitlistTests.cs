using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Tests;

/// <summary>Two may wait per job; a no-show is marked two seconds after the start, and the waitlist closes a second later.</summary>
public sealed class WaitlistFixture : JobsFixture
{
    public static readonly TimeSpan NoShowGrace = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OpenAfterStart = TimeSpan.FromSeconds(3);

    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["ApplicationWorkflow:NoShowGrace"] = NoShowGrace.ToString(),
        ["Waitlist:Capacity"] = "2",
        ["Waitlist:OpenAfterStart"] = OpenAfterStart.ToString(),
    };
}

/// <summary>A full job's waitlist: who applies once every place is taken waits, and a place that reopens goes to the earliest.</summary>
public sealed class WaitlistTests(WaitlistFixture fixture) : IClassFixture<WaitlistFixture>
{
    [Fact]
    public async Task A_full_job_waitlists_applicants_up_to_its_cap_and_then_refuses_in_korean()
    {
        var (job, _, waitlisted) = await FullJobAsync(Instant);
        using var client = fixture.Client(Guid.NewGuid(), UserRole.Worker);

        using var refused = await client.PostAsync(new Uri($"/jobs/{job.Id}/apply", UriKind.Relative), null);
        var waiting = await fixture.WaitForStepAsync(waitlisted[0].Id, waitlisted[0].WorkerId, JobApplicationStep.Waitlisted);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("대기 인원(2명)도 다 찼습니다", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(waitlisted, a => Assert.Equal(ApplicationStatus.Waitlisted, a.Status));
        Assert.Equal(job.StartsAt + WaitlistFixture.OpenAfterStart, waiting.Workflow?.DecisionDeadline);
        Assert.Equal(ApplicationStatus.Waitlisted, (await fixture.ApplicationAsync(waitlisted[0].Id)).Status);
        // The employer hears of a waitlisted applicant only once a place is theirs.
        Assert.DoesNotContain(fixture.Notifications.SentTo(job.EmployerId), n => n.GetProperty("parameters").GetProperty("applicationId").GetString() == waitlisted[0].Id.ToString());
    }

    [Fact]
    public async Task An_ineligible_applicant_to_a_full_job_is_rejected_and_never_offered_the_place()
    {
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Instant);
        var (_, matched) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(matched!.Id, ApplicationStatus.Accepted);
        var ineligible = Guid.NewGuid();
        fixture.Users.MakeIneligible(ineligible, OneDay.Contracts.Users.IneligibilityReason.Suspended);

        var (_, waitlisted) = await fixture.ApplyAsync(job.Id, ineligible);
        var rejected = await fixture.WaitForStatusAsync(waitlisted!.Id, ApplicationStatus.Rejected);
        Assert.Equal(HttpStatusCode.OK, await CancelAsync(matched.WorkerId, UserRole.Worker, matched.Id));

        Assert.Equal(ApplicationStatus.Waitlisted, waitlisted.Status);
        Assert.StartsWith("ineligible:", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal((JobStatus.Open, 0), ((await fixture.JobAsync(job.Id)).Status, (await fixture.JobAsync(job.Id)).FilledCount));
        Assert.Equal(ApplicationStatus.Rejected, (await fixture.ApplicationAsync(waitlisted.Id)).Status);
    }

    [Fact]
    public async Task A_matched_worker_cancelling_gives_the_place_to_the_earliest_waitlisted_who_is_matched_at_once_with_a_contract()
    {
        var (job, matched, waitlisted) = await FullJobAsync(Instant);

        Assert.Equal(HttpStatusCode.OK, await CancelAsync(matched.WorkerId, UserRole.Worker, matched.Id));
        var promoted = await fixture.WaitForStatusAsync(waitlisted[0].Id, ApplicationStatus.Accepted);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-matched", "applicationId", promoted.Id).Any());
        await fixture.WaitForStepAsync(promoted.Id, promoted.WorkerId, JobApplicationStep.AwaitingShiftDay);
        // The one still waiting withdraws.
        Assert.Equal(HttpStatusCode.OK, await CancelAsync(waitlisted[1].WorkerId, UserRole.Worker, waitlisted[1].Id));
        var withdrawn = await fixture.WaitForWorkflowToFinishAsync(waitlisted[1].Id, waitlisted[1].WorkerId);

        Assert.True(promoted.HoldsSlot);
        Assert.Equal((JobStatus.Filled, 1), ((await fixture.JobAsync(job.Id)).Status, (await fixture.JobAsync(job.Id)).FilledCount));
        Assert.Equal(HttpStatusCode.OK, (await fixture.ContractAsync(promoted.Id, promoted.WorkerId, UserRole.Worker)).Status);
        Assert.Equal(ApplicationStatus.Cancelled, withdrawn.Status);
    }

    [Fact]
    public async Task In_review_mode_a_place_the_employer_frees_goes_to_the_earliest_waitlisted_for_the_employer_to_decide()
    {
        var (job, matched, waitlisted) = await FullJobAsync(Terms.Job(headcount: 1, matchingMode: MatchingMode.Review));

        Assert.Equal(HttpStatusCode.OK, await CancelAsync(job.EmployerId, UserRole.Employer, matched.Id));
        await fixture.WaitForStatusAsync(waitlisted[0].Id, ApplicationStatus.Submitted);
        await fixture.WaitForStepAsync(waitlisted[0].Id, waitlisted[0].WorkerId, JobApplicationStep.AwaitingDecision);

        Assert.Contains(fixture.Notifications.SentTo(job.EmployerId), n => n.GetProperty("kind").GetString() == "application-submitted"
            && n.GetProperty("parameters").GetProperty("applicationId").GetString() == waitlisted[0].Id.ToString());
        Assert.Equal(ApplicationStatus.Waitlisted, (await fixture.ApplicationAsync(waitlisted[1].Id)).Status);
        using var employer = fixture.Client(job.EmployerId, UserRole.Employer);
        using var accepted = await employer.PostAsync(new Uri($"/jobs/applications/{waitlisted[0].Id}/accept", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_no_shows_place_goes_to_the_earliest_waitlisted_and_the_waitlist_then_closes_telling_the_rest()
    {
        var (job, matched, waitlisted) = await FullJobAsync(Terms.Job(startsIn: TimeSpan.FromSeconds(8), headcount: 1, matchingMode: MatchingMode.Instant));

        await fixture.WaitForStatusAsync(matched.Id, ApplicationStatus.NoShow, TimeSpan.FromSeconds(30));
        var promoted = await fixture.WaitForStatusAsync(waitlisted[0].Id, ApplicationStatus.Accepted);
        var closed = await fixture.WaitForWorkflowToFinishAsync(waitlisted[1].Id, waitlisted[1].WorkerId);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", closed.Id).Any());

        // Matched after the start, the promoted worker has the grace from the match to check in.
        Assert.True(promoted.UpdatedAt > job.StartsAt);
        Assert.Equal(ApplicationStatus.Expired, closed.Status);
        Assert.Equal(ApplicationLifecycle.WaitlistClosedReason, closed.Reason);
        Assert.Equal("Expired", fixture.EventsAbout("application-rejected", "applicationId", closed.Id).Single().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Closing_or_cancelling_the_job_lets_the_waitlisted_go()
    {
        var (closedJob, _, waitingForClosed) = await FullJobAsync(Instant);
        var (cancelledJob, _, waitingForCancelled) = await FullJobAsync(Instant);
        using var employer = fixture.Client(closedJob.EmployerId, UserRole.Employer);
        using var otherEmployer = fixture.Client(cancelledJob.EmployerId, UserRole.Employer);

        using var close = await employer.PostAsync(new Uri($"/jobs/{closedJob.Id}/close", UriKind.Relative), null);
        using var cancel = await otherEmployer.DeleteAsync(new Uri($"/jobs/{cancelledJob.Id}", UriKind.Relative));
        var letGo = await fixture.WaitForWorkflowToFinishAsync(waitingForClosed[0].Id, waitingForClosed[0].WorkerId);

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal((ApplicationStatus.Cancelled, ApplicationLifecycle.WaitlistClosedReason), (letGo.Status, letGo.Reason));
        var withJob = await fixture.ApplicationAsync(waitingForCancelled[0].Id);
        Assert.Equal((ApplicationStatus.Cancelled, "job-cancelled"), (withJob.Status, withJob.Reason));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", letGo.Id).Any());
    }

    [Fact]
    public async Task Raising_the_headcount_gives_the_added_place_to_the_earliest_waitlisted()
    {
        var terms = Instant;
        var (job, _, waitlisted) = await FullJobAsync(terms);
        using var employer = fixture.Client(job.EmployerId, UserRole.Employer);

        using var revised = await employer.PutAsJsonAsync($"/jobs/{job.Id}", terms with { Headcount = 2 }, ContractJson.Options);
        var promoted = await fixture.WaitForStatusAsync(waitlisted[0].Id, ApplicationStatus.Accepted);
        await fixture.WaitForStepAsync(promoted.Id, promoted.WorkerId, JobApplicationStep.AwaitingShiftDay);

        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal((JobStatus.Filled, 2), ((await fixture.JobAsync(job.Id)).Status, (await fixture.JobAsync(job.Id)).FilledCount));
        Assert.Equal(ApplicationStatus.Waitlisted, (await fixture.ApplicationAsync(waitlisted[1].Id)).Status);
    }

    /// <summary>An Instant-mode job for one, starting in two days.</summary>
    private static JobTerms Instant => Terms.Job(headcount: 1, matchingMode: MatchingMode.Instant);

    /// <summary>
    /// A job for one posted with <paramref name="terms"/> whose place a worker holds, matched in Instant mode or accepted in
    /// Review mode, and two more applicants waitlisted in the order of the list.
    /// </summary>
    private async Task<(JobView Job, ApplicationView Matched, ApplicationView[] Waitlisted)> FullJobAsync(JobTerms terms)
    {
        var job = await fixture.PostJobAsync(Guid.NewGuid(), terms);
        var (_, matched) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        if (terms.MatchingMode == MatchingMode.Review)
        {
            await fixture.WaitForStatusAsync(matched!.Id, ApplicationStatus.Submitted);
            using var employer = fixture.Client(job.EmployerId, UserRole.Employer);
            using var accepted = await employer.PostAsync(new Uri($"/jobs/applications/{matched.Id}/accept", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        await fixture.WaitForStatusAsync(matched!.Id, ApplicationStatus.Accepted);
        var waitlisted = new List<ApplicationView>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var (status, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
            Assert.Equal(HttpStatusCode.Accepted, status);
            waitlisted.Add(application!);
        }
        return (job, matched, waitlisted.ToArray());
    }

    private async Task<HttpStatusCode> CancelAsync(Guid user, UserRole role, Guid applicationId)
    {
        using var client = fixture.Client(user, role);
        using var response = await client.PostAsync(new Uri($"/jobs/applications/{applicationId}/cancel", UriKind.Relative), null);
        return response.StatusCode;
    }
}

/// <summary>
/// Waitlist:OfferOnwardWhenUnconfirmed on; "the day before" twenty seconds before the start and the confirmation due twelve
/// seconds before it, so a fresh app on a busy machine has matched its first worker before it is time to ask; a no-show
/// two seconds after the start.
/// </summary>
public sealed class OfferOnwardFixture : DayBeforeFixture
{
    public static readonly TimeSpan StartsIn = TimeSpan.FromSeconds(30);

    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["ApplicationWorkflow:ConfirmationAskedBefore"] = "00:00:20",
        ["ApplicationWorkflow:ConfirmationDueBefore"] = "00:00:12",
        ["Waitlist:OfferOnwardWhenUnconfirmed"] = "true",
        ["ApplicationWorkflow:NoShowGrace"] = "00:00:02",
    };
}

/// <summary>With the setting on, an unconfirmed worker's place goes to the waitlist at the confirmation's due time.</summary>
public sealed class OfferOnwardTests(OfferOnwardFixture fixture) : IClassFixture<OfferOnwardFixture>
{
    [Fact]
    public async Task A_worker_who_does_not_confirm_loses_the_place_to_the_first_waitlisted_and_both_sides_are_told()
    {
        var (job, applicationId, worker) = await fixture.MatchedBeforeTheDayAsync(OfferOnwardFixture.StartsIn);
        var (_, waiting) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        var letGo = await fixture.WaitForWorkflowToFinishAsync(applicationId, worker, TimeSpan.FromSeconds(40));
        var promoted = await fixture.WaitForStatusAsync(waiting!.Id, ApplicationStatus.Accepted);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", applicationId).Any());

        Assert.Equal((ApplicationStatus.Cancelled, ApplicationLifecycle.UnconfirmedReason), (letGo.Status, letGo.Reason));
        Assert.True(promoted.HoldsSlot);
        Assert.Contains("shift-unconfirmed", fixture.Kinds(job.EmployerId));
        // Neither party cancelled: both are told.
        Assert.Equal(Guid.Empty, fixture.EventsAbout("application-cancelled", "applicationId", applicationId).Single().GetProperty("cancelledBy").GetGuid());
    }
}
