using System.Net;
using OneDay.Contracts;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>"The day before" ten seconds before the start, the confirmation due five seconds before it, the reminder three.</summary>
public class DayBeforeFixture : JobsFixture
{
    protected override Dictionary<string, string?> Settings() => new(base.Settings())
    {
        ["ApplicationWorkflow:ConfirmationAskedBefore"] = "00:00:10",
        ["ApplicationWorkflow:ConfirmationDueBefore"] = "00:00:05",
        ["ApplicationWorkflow:ShiftReminderBefore"] = "00:00:03",
    };

    /// <summary>
    /// An Instant-mode job for one starting in <paramref name="startsIn"/> (by default 20 s: asked at 10 s, due at 15 s) and a
    /// worker matched to it before it is time to ask. The match is seen waiting for the day or, when the poll came after the
    /// ask on a busy machine, waiting for the confirmation: either way the worker was matched the day before.
    /// </summary>
    public async Task<(JobView Job, Guid ApplicationId, Guid Worker)> MatchedBeforeTheDayAsync(TimeSpan? startsIn = null)
    {
        var worker = Guid.NewGuid();
        var job = await PostJobAsync(Guid.NewGuid(), Terms.Job(startsIn: startsIn ?? TimeSpan.FromSeconds(20), headcount: 1, matchingMode: MatchingMode.Instant));
        var (status, application) = await ApplyAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await WaitForStepAsync(application!.Id, worker, [JobApplicationStep.AwaitingShiftDay, JobApplicationStep.AwaitingShiftConfirmation]);
        return (job, application.Id, worker);
    }

    /// <summary>The kinds of the notifications sent to <paramref name="userId"/>, in order.</summary>
    public string[] Kinds(Guid userId) => Notifications.SentTo(userId).Select(n => n.GetProperty("kind").GetString()!).ToArray();
}

/// <summary>The day before the work the matched worker is asked to confirm; unconfirmed by the due time, the employer is told.</summary>
public sealed class ShiftConfirmationTests(DayBeforeFixture fixture) : IClassFixture<DayBeforeFixture>
{
    [Fact]
    public async Task A_worker_who_confirms_when_asked_is_expected_reminded_before_the_start_and_the_employer_hears_nothing()
    {
        var (job, applicationId, worker) = await MatchedAsync();
        await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingShiftConfirmation);
        using var client = fixture.Client(worker, UserRole.Worker);

        using var confirmed = await client.PostAsync(new Uri($"/jobs/applications/{applicationId}/confirm-shift", UriKind.Relative), null);
        await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingCheckIn);
        // Past the due time.
        await Task.Delay(job.StartsAt - TimeSpan.FromSeconds(4) - DateTimeOffset.UtcNow is { Ticks: > 0 } rest ? rest : TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(["shift-confirmation-request", "shift-reminder"], Kinds(worker));
        Assert.DoesNotContain("shift-unconfirmed", Kinds(job.EmployerId));
    }

    [Fact]
    public async Task A_worker_who_does_not_confirm_by_the_due_time_is_reported_to_the_employer_and_the_shift_goes_on()
    {
        var (job, applicationId, worker) = await MatchedAsync();
        // Someone waits for the place, but Waitlist:OfferOnwardWhenUnconfirmed is off: the unconfirmed worker keeps it.
        var (_, waiting) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());

        await fixture.WaitForStepAsync(applicationId, worker, JobApplicationStep.AwaitingCheckIn);
        await Eventually.TrueAsync(() => Task.FromResult(Kinds(job.EmployerId).Contains("shift-unconfirmed")), TimeSpan.FromSeconds(30), "the employer told");

        Assert.Contains("shift-confirmation-request", Kinds(worker));
        Assert.Equal(OneDay.Jobs.Applications.ApplicationStatus.Accepted, (await fixture.ApplicationAsync(applicationId)).Status);
        Assert.Equal(OneDay.Jobs.Applications.ApplicationStatus.Waitlisted, (await fixture.ApplicationAsync(waiting!.Id)).Status);
    }

    private Task<(JobView Job, Guid ApplicationId, Guid Worker)> MatchedAsync() => fixture.MatchedBeforeTheDayAsync();

    private string[] Kinds(Guid userId) => fixture.Kinds(userId);
}
