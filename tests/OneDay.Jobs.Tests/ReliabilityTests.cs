using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>Late cancellations earn points; the points that reach the threshold suspend applying for a while.</summary>
public sealed class ReliabilityTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    private static readonly ReliabilityOptions Rules = new();

    [Fact]
    public async Task Cancelling_a_match_within_a_day_of_the_start_earns_points_and_cancelling_earlier_does_not()
    {
        var worker = Guid.NewGuid();

        await MatchAndCancelAsync(worker, startsIn: Rules.LateCancelWindow + TimeSpan.FromHours(1));
        var early = await StandingAsync(worker);
        await MatchAndCancelAsync(worker, startsIn: Rules.LateCancelWindow - TimeSpan.FromMinutes(1));
        var late = await StandingAsync(worker);

        Assert.Equal(0, early.Points);
        Assert.Equal(Rules.LateCancelPoints, late.Points);
        Assert.Equal(ReliabilityReason.LateCancel, Assert.Single(late.History).Reason);
        Assert.Null(late.SuspendedUntil);
    }

    [Fact]
    public async Task The_cancellation_that_reaches_the_threshold_suspends_applying_and_the_one_before_it_does_not()
    {
        var worker = Guid.NewGuid();
        var cancellations = Rules.SuspendAtPoints / Rules.LateCancelPoints;

        for (var i = 0; i < cancellations - 1; i++) await MatchAndCancelAsync(worker, startsIn: TimeSpan.FromHours(2));
        var (stillAllowed, _) = await fixture.ApplyAsync((await PostInstantJobAsync(TimeSpan.FromHours(3))).Id, worker);
        var job = await PostInstantJobAsync(TimeSpan.FromHours(2));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        await CancelAsync(worker, application.Id);
        var standing = await StandingAsync(worker);
        using var client = fixture.Client(worker, UserRole.Worker);
        using var refused = await client.PostAsync(new Uri($"/jobs/{(await PostInstantJobAsync(TimeSpan.FromHours(3))).Id}/apply", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, stillAllowed);
        Assert.Equal(Rules.SuspendAtPoints, standing.Points);
        Assert.NotNull(standing.SuspendedUntil);
        Assert.InRange(standing.SuspendedUntil!.Value - DateTimeOffset.UtcNow, Rules.Suspension - TimeSpan.FromMinutes(1), Rules.Suspension);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("지원할 수 없습니다", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<JobView> PostInstantJobAsync(TimeSpan startsIn) =>
        fixture.PostJobAsync(Guid.NewGuid(), Terms.Job(startsIn: startsIn, matchingMode: MatchingMode.Instant));

    private async Task MatchAndCancelAsync(Guid worker, TimeSpan startsIn)
    {
        var (_, application) = await fixture.ApplyAsync((await PostInstantJobAsync(startsIn)).Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        await CancelAsync(worker, application.Id);
    }

    private async Task CancelAsync(Guid worker, Guid applicationId)
    {
        using var client = fixture.Client(worker, UserRole.Worker);
        using var cancelled = await client.PostAsync(new Uri($"/jobs/applications/{applicationId}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private async Task<ReliabilityView> StandingAsync(Guid worker)
    {
        using var client = fixture.Client(worker, UserRole.Worker);
        return (await client.GetFromJsonAsync<ReliabilityView>("/jobs/reliability/mine", ContractJson.Options))!;
    }
}
