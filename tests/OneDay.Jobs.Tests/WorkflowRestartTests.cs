using System.Net;
using Npgsql;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>The jobs app as a fixture of its own whose workflow keeps retrying long enough to be killed mid-way.</summary>
public sealed class PatientWorkflowFixture : JobsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ApplicationWorkflow:StepAttempts"] = "100";
        settings["ApplicationWorkflow:RetryDelay"] = "00:00:00.200";
        settings["ApplicationWorkflow:MaxRetryDelay"] = "00:00:00.500";
        return settings;
    }
}

/// <summary>A workflow survives its app: its history lives in the actor state store, and replays from there.</summary>
public sealed class WorkflowRestartTests(PatientWorkflowFixture fixture) : IClassFixture<PatientWorkflowFixture>
{
    [Fact]
    public async Task A_workflow_interrupted_by_an_app_restart_resumes_where_it_stopped_and_does_each_thing_once()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        fixture.Notifications.FailFor(employer);
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        var (status, application) = await fixture.ApplyAsync(job.Id, worker);
        Assert.Equal(HttpStatusCode.Accepted, status);
        await OneDay.Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.AttemptsFor(employer) >= 2), what: "the workflow retrying the notification");

        await fixture.RestartServiceAsync(whileDown: async () =>
        {
            var attemptsWhileDown = fixture.Notifications.AttemptsFor(employer);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(attemptsWhileDown, fixture.Notifications.AttemptsFor(employer));
            Assert.Equal(nameof(ApplicationStatus.Pending), await StatusInDatabaseAsync(application!.Id));
            fixture.Notifications.Recover(employer);
        });

        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted, TimeSpan.FromSeconds(30));
        Assert.Single(fixture.Notifications.SentTo(employer));
    }

    [Fact]
    public async Task A_workflow_waiting_for_the_employer_through_a_restart_still_expires_at_its_deadline_once()
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(2) + TimeSpan.FromSeconds(4)));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        await fixture.WaitForStatusAsync(application!.Id, ApplicationStatus.Submitted);

        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask);

        var expired = await fixture.WaitForStatusAsync(application.Id, ApplicationStatus.Expired, TimeSpan.FromSeconds(30));
        await fixture.WaitForWorkflowToFinishAsync(application.Id, worker);
        Assert.Equal(Workflows.JobApplicationWorkflow.ExpiredReason, expired.Reason);
        // Told of the application once, and reminded once halfway to the deadline.
        Assert.Equal(["application-submitted", "application-decision-reminder"], fixture.Notifications.SentTo(employer).Select(n => n.GetProperty("kind").GetString()!));
        await fixture.Events.WaitForAsync(_ => fixture.EventsAbout("application-rejected", "applicationId", application.Id).Any());
        Assert.Single(fixture.EventsAbout("application-rejected", "applicationId", application.Id));
    }

    /// <summary>Read straight from PostgreSQL: while the app is down there is no app to ask.</summary>
    private async Task<string?> StatusInDatabaseAsync(Guid applicationId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT status FROM applications WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", applicationId);
        return (string?)await query.ExecuteScalarAsync();
    }
}
