using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Jobs.Categories;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>Posting, reading, revising and deleting jobs, every refusal, and the job events.</summary>
[Collection(JobsCollection.Name)]
public sealed class JobsApiTests(JobsFixture fixture)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_employer_posts_a_job_and_its_snapshot_is_published_as_version_1()
    {
        var employer = Guid.NewGuid();

        var job = await fixture.PostJobAsync(employer, Terms.Job(wageKrw: 13_000, headcount: 4));

        Assert.Equal(JobStatus.Open, job.Status);
        Assert.Equal(employer, job.EmployerId);
        Assert.Equal(TimeSpan.FromHours(8), job.EndsAt - job.StartsAt);
        using var anonymous = fixture.Service.CreateClient();
        var read = await anonymous.GetFromJsonAsync<JobView>($"/jobs/{job.Id}", ContractJson.Options);
        Assert.Equal(job with { }, read);
        await fixture.Events.WaitForAsync(_ => fixture.Snapshots("job-created", job.Id).Any());
        var created = Assert.Single(fixture.Snapshots("job-created", job.Id));
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal(13_000, created.GetProperty("wageKrw").GetInt64());
        Assert.Equal("Open", created.GetProperty("status").GetString());
        Assert.Equal(4, created.GetProperty("headcount").GetInt32());
        Assert.Equal("물류/상하차", created.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Only_employers_post_jobs()
    {
        using var worker = fixture.Client(Guid.NewGuid(), UserRole.Worker);
        using var anonymous = fixture.Service.CreateClient();

        using var asWorker = await worker.PostAsJsonAsync("/jobs", Terms.Job(), ContractJson.Options);
        using var asNobody = await anonymous.PostAsJsonAsync("/jobs", Terms.Job(), ContractJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, asWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
    }

    public static TheoryData<string, JobTerms> RefusedTerms() => new()
    {
        { "wageKrw", Terms.Job(wageKrw: 10_319) },
        { "wageKrw", Terms.Job(wageKrw: 80_000, wageUnit: WageUnit.Daily, lasts: TimeSpan.FromHours(8)) },
        { "workDate", Terms.Job(startsIn: TimeSpan.FromDays(-2)) },
        { "workDate", Terms.Job(startsIn: TimeSpan.FromDays(JobRules.MaxDaysAhead + 2)) },
        // The last day there is, running overnight into a day that does not exist.
        { "workDate", Terms.Job() with { WorkDate = DateOnly.MaxValue, StartTime = new TimeOnly(22, 0), EndTime = new TimeOnly(7, 0) } },
        { "startTime", Terms.Job(startsIn: TimeSpan.FromMinutes(-5)) },
        { "headcount", Terms.Job(headcount: 0) },
        { "headcount", Terms.Job(headcount: 101) },
        { "category", Terms.Job(category: "우주여행") },
        { "title", Terms.Job(title: "") },
    };

    [Theory]
    [MemberData(nameof(RefusedTerms))]
    public async Task Terms_that_break_a_rule_are_refused_with_the_field_named(string field, JobTerms terms)
    {
        using var employer = fixture.Client(Guid.NewGuid(), UserRole.Employer);

        using var response = await employer.PostAsJsonAsync("/jobs", terms, ContractJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _) || problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)),
            problem.ToString());
    }

    [Fact]
    public async Task The_minimum_wage_itself_is_accepted_hourly_and_as_a_daily_wage_over_its_hours()
    {
        var employer = Guid.NewGuid();

        var hourly = await fixture.PostJobAsync(employer, Terms.Job(wageKrw: 10_320));
        var daily = await fixture.PostJobAsync(employer, Terms.Job(wageKrw: 82_560, wageUnit: WageUnit.Daily, lasts: TimeSpan.FromHours(8)));

        Assert.Equal(10_320, hourly.WageKrw);
        Assert.Equal(WageUnit.Daily, daily.WageUnit);
    }

    [Fact]
    public async Task A_night_shift_runs_past_midnight()
    {
        var terms = Terms.Job(lasts: TimeSpan.FromHours(9)) with { StartTime = new TimeOnly(22, 0), EndTime = new TimeOnly(7, 0) };

        var job = await fixture.PostJobAsync(Guid.NewGuid(), terms);

        Assert.Equal(TimeSpan.FromHours(9), job.EndsAt - job.StartsAt);
        Assert.Equal(job.WorkDate.AddDays(1), DateOnly.FromDateTime(job.EndsAt.ToOffset(KoreanTime.Offset).DateTime));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var employer = fixture.Client(Guid.NewGuid(), UserRole.Employer);
        using var content = new StringContent("""{"title": "물류", "wageKrw": "many"}""", Encoding.UTF8, "application/json");

        using var response = await employer.PostAsync(new Uri("/jobs", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_owner_revises_and_each_revision_publishes_a_higher_version()
    {
        var owner = Guid.NewGuid();
        var job = await fixture.PostJobAsync(owner, Terms.Job());
        using var other = fixture.Client(Guid.NewGuid(), UserRole.Employer);
        using var ownerClient = fixture.Client(owner, UserRole.Employer);

        using var byOther = await other.PutAsJsonAsync($"/jobs/{job.Id}", Terms.Job(wageKrw: 15_000), ContractJson.Options);
        using var missing = await ownerClient.PutAsJsonAsync($"/jobs/{Guid.NewGuid()}", Terms.Job(), ContractJson.Options);
        using var byOwner = await ownerClient.PutAsJsonAsync($"/jobs/{job.Id}", Terms.Job(wageKrw: 15_000) with { Title = "야간 상하차" }, ContractJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        var revised = (await byOwner.Content.ReadFromJsonAsync<JobView>(ContractJson.Options))!;
        Assert.Equal(15_000, revised.WageKrw);
        Assert.Equal(2, revised.Version);
        await fixture.Events.WaitForAsync(_ => fixture.Snapshots("job-updated", job.Id).Any());
        var snapshot = Assert.Single(fixture.Snapshots("job-updated", job.Id));
        Assert.Equal(2, snapshot.GetProperty("version").GetInt64());
        Assert.Equal("야간 상하차", snapshot.GetProperty("title").GetString());
        Assert.Equal("Hourly", snapshot.GetProperty("wageUnit").GetString());
        Assert.Equal("Review", snapshot.GetProperty("matchingMode").GetString());
        Assert.Equal(15_000, (await fixture.JobAsync(job.Id)).WageKrw);
    }

    [Fact]
    public async Task A_job_without_applications_is_deleted_and_the_deletion_published()
    {
        var owner = Guid.NewGuid();
        var job = await fixture.PostJobAsync(owner, Terms.Job());
        using var ownerClient = fixture.Client(owner, UserRole.Employer);
        using var other = fixture.Client(Guid.NewGuid(), UserRole.Employer);

        using var byOther = await other.DeleteAsync(new Uri($"/jobs/{job.Id}", UriKind.Relative));
        using var byOwner = await ownerClient.DeleteAsync(new Uri($"/jobs/{job.Id}", UriKind.Relative));
        using var after = await ownerClient.GetAsync(new Uri($"/jobs/{job.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-deleted", "jobId", job.Id).Any());
        Assert.Equal(2, fixture.EventsAbout("job-deleted", "jobId", job.Id).Single().GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Listing_pages_by_cursor_in_a_stable_order_without_overlap_and_filters_mine()
    {
        var owner = Guid.NewGuid();
        var posted = new List<Guid>();
        for (var i = 0; i < 5; i++) posted.Add((await fixture.PostJobAsync(owner, Terms.Job(category: "청소"))).Id);
        using var client = fixture.Client(owner, UserRole.Employer);

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<Page<JobView>>($"/jobs?mine=true&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", ContractJson.Options))!;
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(j => j.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(posted), seen);
        using var badCursor = await client.GetAsync(new Uri("/jobs?cursor=not-a-cursor", UriKind.Relative));
        using var badLimit = await client.GetAsync(new Uri("/jobs?limit=1000", UriKind.Relative));
        using var badStatus = await client.GetAsync(new Uri("/jobs?status=Sleeping", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task The_service_describes_its_api_and_counts_applications_in_its_metrics()
    {
        using var anonymous = fixture.Service.CreateClient();
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job());
        await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var metrics = await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("/jobs/{id}/apply", openApi, StringComparison.Ordinal);
        Assert.Contains("oneday_jobs_application_statuses_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("status=\"Pending\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Categories_start_with_the_common_day_job_kinds_and_only_admins_add_more()
    {
        using var anonymous = fixture.Service.CreateClient();
        using var employer = fixture.Client(Guid.NewGuid(), UserRole.Employer);
        using var admin = fixture.Client(Guid.NewGuid(), UserRole.Admin);

        var categories = (await anonymous.GetFromJsonAsync<List<CategoryView>>("/jobs/categories", ContractJson.Options))!;
        using var byEmployer = await employer.PostAsJsonAsync("/jobs/categories", new AddCategory("반려동물 돌봄", 50));
        using var byAdmin = await admin.PostAsJsonAsync("/jobs/categories", new AddCategory("반려동물 돌봄", 50));

        Assert.Contains(categories, c => c.Name == "물류/상하차");
        Assert.Contains(categories, c => c.Name == "식음료/서빙");
        Assert.Equal(HttpStatusCode.Forbidden, byEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(category: "반려동물 돌봄"));

        var added = (await byAdmin.Content.ReadFromJsonAsync<CategoryView>(ContractJson.Options))!;
        using var removedByEmployer = await employer.DeleteAsync(new Uri($"/jobs/categories/{added.Id}", UriKind.Relative));
        using var removedByAdmin = await admin.DeleteAsync(new Uri($"/jobs/categories/{added.Id}", UriKind.Relative));
        using var postedUnderRemoved = await employer.PostAsJsonAsync("/jobs", Terms.Job(category: "반려동물 돌봄"), ContractJson.Options);
        Assert.Equal(HttpStatusCode.Forbidden, removedByEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedByAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, postedUnderRemoved.StatusCode);
    }
}
