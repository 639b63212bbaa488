using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>user-deleted: a departed account's upcoming work ends, and nobody waits on it.</summary>
[Collection(JobsCollection.Name)]
public sealed class DepartedUsersTests(JobsFixture fixture)
{
    private static UserDeleted Deleted(Guid userId) => new(userId) { EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task A_departed_workers_accepted_place_goes_back_to_the_job_and_the_employer_is_told()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(headcount: 1, matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);
        Assert.Equal(JobStatus.Filled, (await fixture.JobAsync(job.Id)).Status);

        var deleted = Deleted(worker);
        await fixture.DeliverAsync(deleted);
        await fixture.DeliverAsync(deleted);

        Assert.Equal(ApplicationStatus.Cancelled, (await fixture.ApplicationAsync(application.Id)).Status);
        var reopened = await fixture.JobAsync(job.Id);
        Assert.Equal(JobStatus.Open, reopened.Status);
        Assert.Equal(0, reopened.FilledCount);
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-cancelled", "applicationId", application.Id).Any());
        Assert.Single(fixture.EventsAbout("application-cancelled", "applicationId", application.Id));
    }

    [Fact]
    public async Task A_departed_employers_upcoming_jobs_are_withdrawn_with_their_workers_told()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var applied = await fixture.PostJobAsync(employer, Terms.Job(matchingMode: MatchingMode.Instant));
        var untouched = await fixture.PostJobAsync(employer, Terms.Job());
        var (_, application) = await fixture.ApplyAsync(applied.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);

        await fixture.DeliverAsync(Deleted(employer));

        Assert.Equal(JobStatus.Cancelled, (await fixture.JobAsync(applied.Id)).Status);
        Assert.Equal(ApplicationStatus.Cancelled, (await fixture.ApplicationAsync(application.Id)).Status);
        Assert.Null(await fixture.QueryAsync(db => Task.FromResult(db.Jobs.SingleOrDefault(j => j.Id == untouched.Id))));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("job-deleted", "jobId", untouched.Id).Any() && fixture.EventsAbout("job-deleted", "jobId", applied.Id).Any());
    }

    [Fact]
    public async Task Someone_elses_departure_changes_nothing()
    {
        var employer = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(matchingMode: MatchingMode.Instant));
        var (_, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Accepted);

        await fixture.DeliverAsync(Deleted(Guid.NewGuid()));

        Assert.Equal(ApplicationStatus.Accepted, (await fixture.ApplicationAsync(application.Id)).Status);
        Assert.Equal(JobStatus.Open, (await fixture.JobAsync(job.Id)).Status);
    }
}
