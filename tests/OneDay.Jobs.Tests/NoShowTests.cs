using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>
/// Jobs whose no-show grace is six seconds, so a shift's start passes while a test waits. The grace is also how long
/// a test has to see the workflow wait for the check-in and to check in: on a loaded machine a poll or a check-in
/// can take seconds, and two once ran out.
/// </summary>
public sealed class NoShowFixture : JobsFixture
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(6);

    protected override Dictionary<string, string?> Settings() => new(base.Settings()) { ["ApplicationWorkflow:NoShowGrace"] = Grace.ToString() };
}

/// <summary>The application workflow after the match: a check-in by the start plus the grace, or a no-show.</summary>
public sealed class NoShowTests(NoShowFixture fixture) : IClassFixture<NoShowFixture>
{
    [Fact]
    public async Task A_matched_worker_who_never_checks_in_is_a_no_show_the_place_opens_again_and_both_sides_hear_of_it()
    {
        var (job, applicationId, worker, waiting) = await MatchedAsync();

        var noShow = await fixture.WaitForStatusAsync(applicationId, ApplicationStatus.NoShow, TimeSpan.FromSeconds(30));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-no-show", "applicationId", applicationId).Any());

        // The grace counts from the start, or from the match when that came later (as it may on a loaded machine).
        Assert.Equal((waiting.UpdatedAt > job.StartsAt ? waiting.UpdatedAt : job.StartsAt) + NoShowFixture.Grace, waiting.Workflow?.ShiftDeadline);
        Assert.Equal("no-check-in", noShow.Reason);
        Assert.False(noShow.HoldsSlot);
        Assert.Equal(0, (await fixture.JobAsync(job.Id)).FilledCount);
        Assert.Equal(ApplicationStatus.NoShow, (await fixture.WaitForWorkflowToFinishAsync(applicationId, worker)).Status);
        using var client = fixture.Client(worker, UserRole.Worker);
        var standing = (await client.GetFromJsonAsync<OneDay.Jobs.Reliability.ReliabilityView>("/jobs/reliability/mine", ContractJson.Options))!;
        Assert.Equal(new OneDay.Jobs.Reliability.ReliabilityOptions().NoShowPoints, standing.Points);
    }

    [Fact]
    public async Task A_worker_who_checks_in_is_not_a_no_show()
    {
        var (job, applicationId, worker, waiting) = await MatchedAsync();
        var code = await fixture.CheckInCodeAsync(job);
        using var client = fixture.Client(worker, UserRole.Worker);

        using var checkIn = await client.PostAsJsonAsync($"/jobs/applications/{applicationId}/check-in",
            new AttendanceScan(code.Payload, job.Latitude, job.Longitude, 10), ContractJson.Options);
        await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingCheckOut);
        // Past the moment it would have been a no-show.
        await Task.Delay(waiting.Workflow!.ShiftDeadline!.Value + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        Assert.Equal(JobApplicationStep.AwaitingCheckOut, (await fixture.ReadAsync(applicationId, worker, UserRole.Worker)).Workflow?.Step);
        Assert.Equal(ApplicationStatus.Accepted, (await fixture.ApplicationAsync(applicationId)).Status);
        Assert.Empty(fixture.EventsAbout("application-no-show", "applicationId", applicationId));
    }

    /// <summary>
    /// A job starting in a few seconds (Instant mode: applying matches), a worker matched to it, and the application
    /// as the worker read it while its workflow waited for the check-in.
    /// </summary>
    private async Task<(JobView Job, Guid ApplicationId, Guid Worker, ApplicationView Waiting)> MatchedAsync()
    {
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(startsIn: TimeSpan.FromSeconds(4), matchingMode: MatchingMode.Instant));
        var (status, application) = await fixture.ApplyAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var waiting = await fixture.WaitForStepAsync(application!.Id, worker, JobApplicationStep.AwaitingCheckIn);
        return (job, application.Id, worker, waiting);
    }
}
