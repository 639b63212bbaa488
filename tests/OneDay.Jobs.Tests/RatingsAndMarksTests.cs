using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Ratings;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>Both sides rate after the work; the employer sees each applicant's record, and marks favourites and blocks.</summary>
public sealed class RatingsAndMarksTests(AttendanceFixture fixture) : IClassFixture<AttendanceFixture>
{
    [Fact]
    public async Task After_the_work_both_sides_rate_once_may_change_it_for_a_day_and_the_employer_sees_the_workers_record()
    {
        var (job, applicationId, worker) = await MatchedAsync(Guid.NewGuid(), Guid.NewGuid());
        using var asWorker = fixture.Client(worker, UserRole.Worker);
        using var asEmployer = fixture.Client(job.EmployerId, UserRole.Employer);
        using var tooEarly = await asEmployer.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 5 });

        await CompleteAsync(job, applicationId);
        using var outOfRange = await asEmployer.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 6 });
        using var byEmployer = await asEmployer.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 3, comment = "10분 늦었어요" });
        using var byWorker = await asWorker.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 5 });
        fixture.Time.Advance(TimeSpan.FromHours(23));
        using var changed = await asEmployer.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 4, comment = "성실했습니다" });
        fixture.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var tooLate = await asEmployer.PutAsJsonAsync($"/jobs/applications/{applicationId}/rating", new { stars = 1 });
        var ratings = (await asWorker.GetFromJsonAsync<List<RatingView>>($"/jobs/applications/{applicationId}/ratings", ContractJson.Options))!;
        var applicant = (await asEmployer.GetFromJsonAsync<List<ApplicationView>>($"/jobs/{job.Id}/applications", ContractJson.Options))!.Single().Applicant!;

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal(2, ratings.Count);
        Assert.Contains(ratings, r => r.RaterId == job.EmployerId && r.RateeId == worker && r.Stars == 4 && r.Comment == "성실했습니다");
        // The refusal's moment, as the API states it to the clients that offer the change.
        Assert.All(ratings, r => Assert.Equal(r.GivenAt + TimeSpan.FromHours(24), r.EditableUntil));
        Assert.Equal(new WorkerSummary(1, 0, 0, 4.0, 1, null), applicant);
    }

    [Fact]
    public async Task The_rated_side_is_told_the_stars_and_a_change_to_them_but_never_the_comment()
    {
        var (job, applicationId, worker) = await MatchedAsync(Guid.NewGuid(), Guid.NewGuid());
        using var asWorker = fixture.Client(worker, UserRole.Worker);
        using var asEmployer = fixture.Client(job.EmployerId, UserRole.Employer);
        var ratingPath = $"/jobs/applications/{applicationId}/rating";
        using var tooEarly = await asEmployer.PutAsJsonAsync(ratingPath, new { stars = 1 });

        await CompleteAsync(job, applicationId);
        using var byEmployer = await asEmployer.PutAsJsonAsync(ratingPath, new { stars = 3, comment = "10분 늦었어요" });
        using var commentOnly = await asEmployer.PutAsJsonAsync(ratingPath, new { stars = 3, comment = "10분 늦었지만 성실했어요" });
        using var otherStars = await asEmployer.PutAsJsonAsync(ratingPath, new { stars = 4, comment = "10분 늦었지만 성실했어요" });
        using var byWorker = await asWorker.PutAsJsonAsync(ratingPath, new { stars = 5, comment = "친절하셨어요" });

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.All([byEmployer, commentOnly, otherStars, byWorker], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        // The worker's rating was the last change: once it is heard, any announcement before it has been too.
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("rating-given", "raterId", worker).Any());
        var announced = fixture.EventsAbout("rating-given", "applicationId", applicationId).OrderBy(e => e.GetProperty("stars").GetInt32()).ToList();
        Assert.Equal(
            [(job.EmployerId, worker, "Employer", 3, false), (job.EmployerId, worker, "Employer", 4, true), (worker, job.EmployerId, "Worker", 5, false)],
            announced.Select(e => (e.GetProperty("raterId").GetGuid(), e.GetProperty("rateeId").GetGuid(), e.GetProperty("raterRole").GetString(),
                e.GetProperty("stars").GetInt32(), e.GetProperty("changed").GetBoolean())));
        Assert.All(announced, e =>
        {
            Assert.Equal(job.Title, e.GetProperty("jobTitle").GetString());
            Assert.False(e.TryGetProperty("comment", out _));
        });
        // Completed by hand without an attendance record: there was no record to confirm.
        Assert.Empty(fixture.EventsAbout("attendance-confirmed", "applicationId", applicationId));
    }

    [Fact]
    public async Task A_blocked_worker_cannot_apply_to_that_employers_jobs_and_a_favourite_is_listed_first()
    {
        var employer = Guid.NewGuid();
        var (first, _, blocked) = await MatchedAsync(employer, Guid.NewGuid());
        var favourite = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.ApplyAsync(first.Id, favourite)).Status);
        using var asEmployer = fixture.Client(employer, UserRole.Employer);

        using var stranger = await asEmployer.PutAsJsonAsync($"/jobs/workers/{Guid.NewGuid()}/mark", new { kind = "Blocked" });
        using var block = await asEmployer.PutAsJsonAsync($"/jobs/workers/{blocked}/mark", new { kind = "Blocked" });
        using var favour = await asEmployer.PutAsJsonAsync($"/jobs/workers/{favourite}/mark", new { kind = "Favourite" });
        var next = await fixture.PostJobAsync(employer, Terms.Job(now: fixture.Time.GetUtcNow()));
        var elsewhere = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(now: fixture.Time.GetUtcNow()));
        var (toSameEmployer, _) = await fixture.ApplyAsync(next.Id, blocked);
        var (toAnother, _) = await fixture.ApplyAsync(elsewhere.Id, blocked);
        var applicants = (await asEmployer.GetFromJsonAsync<List<ApplicationView>>($"/jobs/{first.Id}/applications", ContractJson.Options))!;

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        Assert.Equal(HttpStatusCode.OK, favour.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toSameEmployer);
        Assert.Equal(HttpStatusCode.Accepted, toAnother);
        Assert.Equal(favourite, applicants[0].WorkerId);
        Assert.Equal(WorkerMarkKind.Favourite, applicants[0].Applicant?.Mark);
        Assert.Equal(WorkerMarkKind.Blocked, applicants.Single(a => a.WorkerId == blocked).Applicant?.Mark);
    }

    /// <summary>An Instant-mode job three hours ahead on the app's clock and a worker matched to it.</summary>
    private async Task<(JobView Job, Guid ApplicationId, Guid Worker)> MatchedAsync(Guid employer, Guid worker)
    {
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(3), matchingMode: MatchingMode.Instant, now: fixture.Time.GetUtcNow()));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        return (job, application.Id, worker);
    }

    private async Task CompleteAsync(JobView job, Guid applicationId)
    {
        fixture.Time.SetUtcNow(job.EndsAt);
        await fixture.SignContractByBothAsync(applicationId);
        using var employer = fixture.Client(job.EmployerId, UserRole.Employer);
        using var completed = await employer.PostAsJsonAsync($"/jobs/applications/{applicationId}/complete", new { minutesWorked = 480 });
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
    }
}
