using System.Net;
using Npgsql;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Tests.Infrastructure;

namespace OneDay.Jobs.Tests;

/// <summary>The jobs app as a fixture of its own whose saga keeps retrying long enough to be killed mid-way.</summary>
public sealed class PatientSagaFixture : JobsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["ApplicationSaga:StepAttempts"] = "100";
        settings["ApplicationSaga:RetryDelay"] = "00:00:00.200";
        settings["ApplicationSaga:MaxRetryDelay"] = "00:00:00.500";
        return settings;
    }
}

/// <summary>A saga survives its app: the reminder lives in the cluster, the step in the actor state store.</summary>
public sealed class SagaRestartTests(PatientSagaFixture fixture) : IClassFixture<PatientSagaFixture>
{
    [Fact]
    public async Task A_saga_interrupted_by_an_app_restart_resumes_where_it_stopped()
    {
        var employer = Guid.NewGuid();
        fixture.Notifications.FailFor(employer);
        var job = await fixture.PostJobAsync(employer, Terms.Job());
        var (status, application) = await fixture.ApplyAsync(job.Id, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Accepted, status);
        await OneDay.Testing.Eventually.TrueAsync(() => Task.FromResult(fixture.Notifications.AttemptsFor(employer) >= 2), what: "the saga retrying the notification");

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
