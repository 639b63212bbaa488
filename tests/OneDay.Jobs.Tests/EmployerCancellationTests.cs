using System.Net;
using System.Net.Http.Json;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>An employer who lets a matched worker go close to the start owes them a share of the scheduled wage.</summary>
public sealed class EmployerCancellationTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    private static readonly EmployerCancellationOptions Rules = new();

    [Fact]
    public async Task Cancelling_a_matched_worker_inside_the_late_window_owes_half_the_scheduled_wage_and_tells_payments()
    {
        var (job, application, employer) = await MatchedAsync(Rules.LateWindow - TimeSpan.FromHours(1), 12_000, WageUnit.Hourly);

        using var response = await CancelAsync(employer, UserRole.Employer, application.Id, new CancelApplication("행사가 취소되었습니다"));
        var cancelled = await response.Content.ReadFromJsonAsync<ApplicationView>(ContractJson.Options);

        // The default job lasts 8 hours with an hour's break: 7 hours at 12,000 won, half of it owed.
        var scheduled = 12_000L * ((long)(job.EndsAt - job.StartsAt).TotalMinutes - job.BreakMinutes) / 60;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApplicationStatus.Cancelled, cancelled!.Status);
        Assert.Equal(scheduled * Rules.PayPercent / 100, cancelled.CancellationPayKrw);
        Assert.Null(cancelled.CancellationPaidAt);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Any());
        var published = fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Single();
        Assert.Equal(cancelled.CancellationPayKrw, published.GetProperty("cancellationPayKrw").GetInt64());
        Assert.Equal(employer, published.GetProperty("cancelledBy").GetGuid());
        Assert.Equal("행사가 취소되었습니다", published.GetProperty("reason").GetString());
        // The slot is open again for someone else.
        Assert.Equal(0, (await fixture.JobAsync(job.Id)).FilledCount);
    }

    [Fact]
    public async Task Cancelling_well_before_the_start_owes_nothing()
    {
        var (_, application, employer) = await MatchedAsync(Rules.LateWindow + TimeSpan.FromHours(2), 100_000, WageUnit.Daily);

        using var response = await CancelAsync(employer, UserRole.Employer, application.Id, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await fixture.ApplicationAsync(application.Id)).CancellationPayKrw);
    }

    [Fact]
    public async Task Payments_settling_the_cancellation_pay_is_recorded_once_and_a_refund_takes_it_back()
    {
        var (_, application, employer) = await MatchedAsync(TimeSpan.FromHours(2), 100_000, WageUnit.Daily);
        using (var response = await CancelAsync(employer, UserRole.Employer, application.Id, null)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var client = fixture.Service.CreateClient();
        var paid = new Uri($"/internal/jobs/applications/{application.Id}/paid", UriKind.Relative);

        using (var first = await client.PostAsync(paid, null)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var settledAt = (await fixture.ApplicationAsync(application.Id)).CancellationPaidAt;
        using (var again = await client.PostAsync(paid, null)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var settledAgain = await fixture.ApplicationAsync(application.Id);
        using (var refund = await client.PostAsync(new Uri($"/internal/jobs/applications/{application.Id}/unpaid", UriKind.Relative), null)) Assert.Equal(HttpStatusCode.OK, refund.StatusCode);

        Assert.NotNull(settledAt);
        Assert.Equal(settledAt, settledAgain.CancellationPaidAt);
        Assert.Equal(50_000, settledAgain.CancellationPayKrw);
        Assert.Equal(ApplicationStatus.Cancelled, settledAgain.Status);
        Assert.Null((await fixture.ApplicationAsync(application.Id)).CancellationPaidAt);
    }

    [Fact]
    public async Task Only_the_two_parties_cancel_and_the_employer_neither_after_the_start_nor_before_a_match()
    {
        var (job, application, employer) = await MatchedAsync(TimeSpan.FromSeconds(3), 100_000, WageUnit.Daily);
        var review = await fixture.PostJobAsync(employer, Terms.Job(matchingMode: MatchingMode.Review));
        var (_, submitted) = await fixture.ApplyAsync(review.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(submitted!.Id, ApplicationStatus.Submitted);

        using var stranger = await CancelAsync(Guid.NewGuid(), UserRole.Employer, application.Id, null);
        using var unmatched = await CancelAsync(employer, UserRole.Employer, submitted.Id, null);
        using var tooLong = await CancelAsync(employer, UserRole.Employer, application.Id, new CancelApplication(new string('가', 201)));
        await OneDay.Testing.Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > job.StartsAt), what: "the work starting");
        using var started = await CancelAsync(employer, UserRole.Employer, application.Id, null);

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, unmatched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, started.StatusCode);
        Assert.Contains("시작된 뒤", await started.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Accepted, (await fixture.ApplicationAsync(application.Id)).Status);
        Assert.Equal(ApplicationStatus.Submitted, (await fixture.ApplicationAsync(submitted.Id)).Status);
    }

    private async Task<(JobView Job, ApplicationView Application, Guid Employer)> MatchedAsync(TimeSpan startsIn, long wageKrw, WageUnit wageUnit)
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: startsIn, wageKrw: wageKrw, wageUnit: wageUnit, headcount: 1, matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        return (job, application, employer);
    }

    private async Task<HttpResponseMessage> CancelAsync(Guid user, UserRole role, Guid applicationId, CancelApplication? request)
    {
        using var client = fixture.Client(user, role);
        var uri = new Uri($"/jobs/applications/{applicationId}/cancel", UriKind.Relative);
        return request is null ? await client.PostAsync(uri, null) : await client.PostAsJsonAsync(uri, request, ContractJson.Options);
    }
}
