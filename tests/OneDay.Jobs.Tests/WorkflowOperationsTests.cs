using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>The jobs app whose workflows retry long enough to be caught mid-way, and list as overdue at once.</summary>
public sealed class OperatedWorkflowFixture : JobsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ApplicationWorkflow:StepAttempts"] = "100";
        settings["ApplicationWorkflow:RetryDelay"] = "00:00:00.200";
        settings["ApplicationWorkflow:MaxRetryDelay"] = "00:00:00.500";
        settings["WorkflowOperations:OverdueAfter"] = "00:00:00";
        return settings;
    }
}

/// <summary>An Admin operating application workflows through the API: the overdue list, terminate and retry.</summary>
public sealed class WorkflowOperationsTests(OperatedWorkflowFixture fixture) : IClassFixture<OperatedWorkflowFixture>
{
    private const string Operations = "/jobs/operations/workflows";

    [Fact]
    public async Task An_admin_finds_a_workflow_stuck_telling_the_employer_terminates_it_and_after_the_fix_retries_it_to_submission()
    {
        var employer = Guid.NewGuid();
        fixture.Notifications.FailFor(employer);
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        var id = application!.Id;
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.AttemptsFor(employer) >= 2), what: "the workflow retrying the notification");
        using var admin = fixture.Client(Guid.NewGuid(), UserRole.Admin);

        var listed = await ListedAsync(admin, id);
        Assert.Equal("Pending", listed.GetProperty("status").GetString());
        Assert.Equal("Running", listed.GetProperty("workflow").GetProperty("runtimeStatus").GetString());
        Assert.Equal("NotifyingEmployer", listed.GetProperty("workflow").GetProperty("step").GetProperty("step").GetString());

        using (var whileRunning = await admin.PostAsync($"{Operations}/{id}/retry", null))
            Assert.Equal(HttpStatusCode.Conflict, whileRunning.StatusCode);
        using (var terminated = await admin.PostAsync($"{Operations}/{id}/terminate", null))
        {
            Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
            Assert.Equal("Terminated", (await terminated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString());
        }
        var attemptsAfterTerminate = fixture.Notifications.AttemptsFor(employer);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(attemptsAfterTerminate, fixture.Notifications.AttemptsFor(employer));
        Assert.Equal("Terminated", (await ListedAsync(admin, id)).GetProperty("workflow").GetProperty("runtimeStatus").GetString());
        using (var again = await admin.PostAsync($"{Operations}/{id}/terminate", null))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        fixture.Notifications.Recover(employer);
        using (var retried = await admin.PostAsync($"{Operations}/{id}/retry", null))
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);

        await fixture.WaitForStatusAsync(id, ApplicationStatus.Submitted, TimeSpan.FromSeconds(20));
        Assert.Single(fixture.Notifications.SentTo(employer));
    }

    [Fact]
    public async Task Only_an_admin_operates_workflows_and_bad_or_unknown_ids_are_refused_as_problems()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        using var owner = fixture.Client(employer, UserRole.Employer);
        using var admin = fixture.Client(Guid.NewGuid(), UserRole.Admin);

        foreach (var (method, path) in new[] { (HttpMethod.Get, Operations), (HttpMethod.Post, $"{Operations}/{application!.Id}/retry"), (HttpMethod.Post, $"{Operations}/{application.Id}/terminate") })
        {
            using var refused = await owner.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        await AssertProblemAsync(admin, $"{Operations}/not-an-id/retry", HttpStatusCode.BadRequest);
        await AssertProblemAsync(admin, $"{Operations}/{Guid.NewGuid()}/terminate", HttpStatusCode.NotFound);
        using var badLimit = await admin.GetAsync($"{Operations}?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.PostAsync(path, null);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The application's entry in the overdue list, following the pages.</summary>
    private static async Task<JsonElement> ListedAsync(HttpClient admin, Guid applicationId)
    {
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"{Operations}?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"), ContractJson.Options);
            foreach (var item in page.GetProperty("items").EnumerateArray())
                if (item.GetProperty("applicationId").GetGuid() == applicationId) return item;
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        throw new Xunit.Sdk.XunitException($"application {applicationId} is not in the overdue list");
    }
}
