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
/// The app on a clock of the test's own (the shift's hours pass in an instant), with a two-second window for
/// the employer to confirm the record. The workflow's timers run on the engine's real clock: the no-show and
/// check-out moments, hours away on the app's clock, never fire here; the confirmation window, counted from the
/// check-out on the engine's clock, does.
/// </summary>
public sealed class ShiftFixture : AttendanceFixture
{
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromSeconds(2);

    protected override Dictionary<string, string?> Settings() =>
        new(base.Settings()) { ["ApplicationWorkflow:AttendanceConfirmationWindow"] = ConfirmationWindow.ToString() };
}

/// <summary>The application workflow through the shift: check-in, check-out, the employer's window, completion from the record.</summary>
public sealed class ShiftWorkflowTests(ShiftFixture fixture) : IClassFixture<ShiftFixture>
{
    [Fact]
    public async Task An_undisputed_record_stands_when_the_window_closes_and_the_work_is_completed_from_it()
    {
        var (job, applicationId, worker) = await WorkedShiftAsync();

        var waiting = await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingConfirmation);
        var completed = await fixture.WaitForStatusAsync(applicationId, ApplicationStatus.Completed, TimeSpan.FromSeconds(30));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-completed", "applicationId", applicationId).Any());

        Assert.NotNull(waiting.Workflow?.ShiftDeadline);
        // Checked in ten minutes late, out at the scheduled end: 8 h less the lateness and the hour's break.
        Assert.Equal(8 * 60 - 10 - 60, completed.MinutesWorked);
        var announced = Assert.Single(fixture.EventsAbout("job-completed", "applicationId", applicationId));
        Assert.Equal(completed.MinutesWorked, announced.GetProperty("minutesWorked").GetInt32());
        // The worker hears the completion from attendance-confirmed, with the record; job-completed says so.
        Assert.True(announced.GetProperty("fromAttendanceRecord").GetBoolean());
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("attendance-confirmed", "applicationId", applicationId).Any());
        var stood = Assert.Single(fixture.EventsAbout("attendance-confirmed", "applicationId", applicationId));
        Assert.Equal(completed.MinutesWorked, stood.GetProperty("minutesWorked").GetInt32());
        Assert.False(stood.GetProperty("confirmedByEmployer").GetBoolean());
        Assert.Equal(ApplicationStatus.Completed, (await fixture.WaitForWorkflowToFinishAsync(applicationId, worker)).Status);
    }

    [Fact]
    public async Task When_the_window_closes_before_both_signed_the_contract_the_work_waits_for_the_second_signature()
    {
        var (job, applicationId, worker) = await WorkedShiftAsync(signContract: false);
        Assert.Equal(HttpStatusCode.OK, await fixture.SignContractAsync(applicationId, worker, UserRole.Worker));

        await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingContractSignatures);
        Assert.Equal(ApplicationStatus.Accepted, (await fixture.ApplicationAsync(applicationId)).Status);
        Assert.Equal(HttpStatusCode.OK, await fixture.SignContractAsync(applicationId, job.EmployerId, UserRole.Employer));

        var completed = await fixture.WaitForStatusAsync(applicationId, ApplicationStatus.Completed, TimeSpan.FromSeconds(30));
        Assert.Equal(8 * 60 - 10 - 60, completed.MinutesWorked);
        Assert.Equal(ApplicationStatus.Completed, (await fixture.WaitForWorkflowToFinishAsync(applicationId, worker)).Status);
    }

    [Fact]
    public async Task A_disputed_record_is_not_completed_when_the_window_closes()
    {
        var (job, applicationId, worker) = await WorkedShiftAsync();
        using var employer = fixture.Client(job.EmployerId, UserRole.Employer);

        using var disputed = await employer.PostAsJsonAsync($"/jobs/applications/{applicationId}/attendance/dispute", new { reason = "퇴근은 30분 일찍 했습니다" });
        var finished = await fixture.WaitForWorkflowToFinishAsync(applicationId, worker, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        Assert.Equal(ApplicationStatus.Accepted, finished.Status);
        Assert.Null((await fixture.ApplicationAsync(applicationId)).MinutesWorked);
        using var worker_ = fixture.Client(worker, UserRole.Worker);
        var seen = (await worker_.GetFromJsonAsync<AttendanceView>($"/jobs/applications/{applicationId}/attendance", ContractJson.Options))!;
        Assert.Equal("퇴근은 30분 일찍 했습니다", seen.DisputeReason);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("attendance-disputed", "applicationId", applicationId).Any());
        Assert.Empty(fixture.EventsAbout("attendance-confirmed", "applicationId", applicationId));
    }

    /// <summary>
    /// A matched worker (Instant mode, a job three hours ahead on the app's clock with an hour's break) who checked in
    /// ten minutes late and out at the scheduled end, the workflow told of both; the contract signed by both unless asked not to.
    /// </summary>
    private async Task<(JobView Job, Guid ApplicationId, Guid Worker)> WorkedShiftAsync(bool signContract = true)
    {
        var worker = Guid.NewGuid();
        var terms = Terms.Job(startsIn: TimeSpan.FromHours(3), matchingMode: MatchingMode.Instant, now: fixture.Time.GetUtcNow()) with { BreakMinutes = 60 };
        var job = await fixture.PostJobAsync(Guid.NewGuid(), terms);
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStepAsync(application!.Id, worker, JobApplicationStep.AwaitingCheckIn);
        if (signContract) await fixture.SignContractByBothAsync(application.Id);
        fixture.Time.SetUtcNow(job.StartsAt.AddMinutes(10));
        await ScanAsync(job, application.Id, worker, "check-in");
        await fixture.WaitForStepAsync(application.Id, worker, JobApplicationStep.AwaitingCheckOut);
        fixture.Time.SetUtcNow(job.EndsAt);
        await ScanAsync(job, application.Id, worker, "check-out");
        return (job, application.Id, worker);
    }

    private async Task ScanAsync(JobView job, Guid applicationId, Guid worker, string action)
    {
        var code = await fixture.CheckInCodeAsync(job);
        using var client = fixture.Client(worker, UserRole.Worker);
        using var response = await client.PostAsJsonAsync($"/jobs/applications/{applicationId}/{action}",
            new AttendanceScan(code.Payload, job.Latitude, job.Longitude, 10), ContractJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
