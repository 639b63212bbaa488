using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneDay.Contracts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.Data;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Workflows;
using OneDay.Testing;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>
/// The jobs service on a fresh database beside its sidecar, with users and notifications doubles and an
/// event probe on every topic jobs publishes, in one emulator cluster.
/// </summary>
public class JobsFixture : IAsyncLifetime
{
    public static readonly string[] PublishedTopics =
    [
        "job-created", "job-updated", "job-deleted", "application-rejected", "application-cancelled", "application-no-show", "job-matched", "job-completed",
        "worker-checked-in", "worker-checked-out", "attendance-confirmed", "attendance-disputed", "rating-given",
    ];

    public DaprTestEnvironment Dapr { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public ServiceTestHost<Program> Service { get; private set; } = null!;

    public UsersDouble Users { get; private set; } = null!;

    public NotificationsDouble Notifications { get; private set; } = null!;

    public EventProbe Events { get; private set; } = null!;

    /// <summary>Settings fast enough for tests: quick retries and a short retry budget.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Outbox:SweepInterval"] = "00:00:00.200",
        ["Outbox:InitialBackoff"] = "00:00:00.100",
        ["ApplicationWorkflow:RetryDelay"] = "00:00:00.100",
        ["ApplicationWorkflow:MaxRetryDelay"] = "00:00:00.300",
        ["ApplicationWorkflow:StepAttempts"] = "3",
    };

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("oneday_jobs_test");
        Dapr.WithSecret("ConnectionStrings:jobs", Database.ConnectionString)
            .WithSecret("Attendance:SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), "jobs");
        Users = await UsersDouble.StartAsync(Dapr);
        Notifications = await NotificationsDouble.StartAsync(Dapr);
        Events = await EventProbe.StartAsync(Dapr, "probe", PublishedTopics);
        Service = await Dapr.StartServiceAsync<Program>("jobs", Settings(), Services);
    }

    /// <summary>Changes to the app's registrations (e.g. a clock of the test's own).</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    /// <summary>
    /// Stops the app and its sidecar (workflow history stays in the actor state store), then starts a new instance on
    /// the same database, with <paramref name="services"/> changing its registrations (a deploy of another build).
    /// </summary>
    public async Task RestartServiceAsync(Func<Task> whileDown, Action<IServiceCollection>? services = null)
    {
        await Service.DisposeAsync();
        await whileDown();
        Service = await Dapr.StartServiceAsync<Program>("jobs", Settings(), services);
    }

    public HttpClient Client(Guid userId, UserRole role) => Service.CreateClient(TestTokens.For(userId, role));

    public async Task<T> QueryAsync<T>(Func<JobsDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<JobsDbContext>());
    }

    public Task<Application> ApplicationAsync(Guid applicationId) =>
        QueryAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId));

    public Task<Job> JobAsync(Guid jobId) => QueryAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId));

    /// <summary>Waits until the application reaches <paramref name="status"/>.</summary>
    public async Task<Application> WaitForStatusAsync(Guid applicationId, ApplicationStatus status, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(async () => (await ApplicationAsync(applicationId)).Status == status, timeout, $"application {applicationId} becoming {status}");
        return await ApplicationAsync(applicationId);
    }

    /// <summary>The application as <paramref name="userId"/> (its worker or employer) reads it, with where its workflow stands.</summary>
    public async Task<ApplicationView> ReadAsync(Guid applicationId, Guid userId, UserRole role)
    {
        using var client = Client(userId, role);
        return (await client.GetFromJsonAsync<ApplicationView>($"/jobs/applications/{applicationId}", ContractJson.Options))!;
    }

    /// <summary>Waits until the application's workflow has completed, and returns the application as its worker reads it then.</summary>
    public async Task<ApplicationView> WaitForWorkflowToFinishAsync(Guid applicationId, Guid workerId, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(async () => (await ReadAsync(applicationId, workerId, UserRole.Worker)).Workflow is
            { RuntimeStatus: WorkflowRuntimeStatus.Completed, Step: JobApplicationStep.Finished }, timeout, $"the workflow of application {applicationId} finishing");
        return await ReadAsync(applicationId, workerId, UserRole.Worker);
    }

    /// <summary>Waits until the application's workflow is at <paramref name="step"/>; returns the application as its worker read it then.</summary>
    public Task<ApplicationView> WaitForStepAsync(Guid applicationId, Guid workerId, JobApplicationStep step, TimeSpan? timeout = null) =>
        WaitForStepAsync(applicationId, workerId, [step], timeout);

    /// <summary>Waits until the application's workflow is at one of <paramref name="steps"/>; returns the application as its worker read it then.</summary>
    public async Task<ApplicationView> WaitForStepAsync(Guid applicationId, Guid workerId, IReadOnlyCollection<JobApplicationStep> steps, TimeSpan? timeout = null)
    {
        ApplicationView? view = null;
        await Eventually.TrueAsync(async () => (view = await ReadAsync(applicationId, workerId, UserRole.Worker)).Workflow?.Step is { } step && steps.Contains(step),
            timeout ?? TimeSpan.FromSeconds(30), $"the workflow of application {applicationId} at {string.Join(" or ", steps)}");
        return view!;
    }

    /// <summary>The job's current check-in code, as its employer's screen shows it.</summary>
    public async Task<CheckInCodeView> CheckInCodeAsync(JobView job)
    {
        using var employer = Client(job.EmployerId, UserRole.Employer);
        return (await employer.GetFromJsonAsync<CheckInCodeView>($"/jobs/{job.Id}/check-in-code", ContractJson.Options))!;
    }

    /// <summary>
    /// Waits until the application's workflow is past the employer's decision: finished (not matched), or matched
    /// and waiting on the shift (the day before, or the check-in). Returns the application as its worker reads it then.
    /// </summary>
    public async Task<ApplicationView> WaitForWorkflowPastDecisionAsync(Guid applicationId, Guid workerId, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(async () => (await ReadAsync(applicationId, workerId, UserRole.Worker)).Workflow is
            { RuntimeStatus: WorkflowRuntimeStatus.Completed, Step: JobApplicationStep.Finished }
            or { Step: JobApplicationStep.AwaitingShiftDay or JobApplicationStep.AwaitingCheckIn },
            timeout, $"the workflow of application {applicationId} past the decision");
        return await ReadAsync(applicationId, workerId, UserRole.Worker);
    }

    /// <summary>The match's contract in force as <paramref name="userId"/> reads it, or the status of the refusal.</summary>
    public async Task<(HttpStatusCode Status, LabourContractView? Contract)> ContractAsync(Guid applicationId, Guid userId, UserRole role)
    {
        using var client = Client(userId, role);
        using var response = await client.GetAsync(new Uri($"/jobs/applications/{applicationId}/contract", UriKind.Relative));
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LabourContractView>(ContractJson.Options) : null);
    }

    /// <summary>One party signs the contract in force as they read it; returns the answer's status.</summary>
    public async Task<HttpStatusCode> SignContractAsync(Guid applicationId, Guid userId, UserRole role)
    {
        var (_, contract) = await ContractAsync(applicationId, userId, role);
        using var client = Client(userId, role);
        using var response = await client.PostAsJsonAsync($"/jobs/applications/{applicationId}/contract/sign", new SignLabourContract(contract!.DocumentSha256, Consent: true), ContractJson.Options);
        return response.StatusCode;
    }

    /// <summary>Both parties of the match sign its contract, as work must be before it can be completed.</summary>
    public async Task SignContractByBothAsync(Guid applicationId)
    {
        var application = await ApplicationAsync(applicationId);
        Assert.Equal(HttpStatusCode.OK, await SignContractAsync(applicationId, application.EmployerId, UserRole.Employer));
        Assert.Equal(HttpStatusCode.OK, await SignContractAsync(applicationId, application.WorkerId, UserRole.Worker));
    }

    /// <summary>Posts a job as <paramref name="employerId"/> and returns it.</summary>
    public async Task<JobView> PostJobAsync(Guid employerId, JobTerms terms)
    {
        using var client = Client(employerId, UserRole.Employer);
        using var response = await client.PostAsJsonAsync("/jobs", terms, ContractJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JobView>(ContractJson.Options))!;
    }

    /// <summary>Applies as <paramref name="workerId"/>; returns the answer's status and, when accepted for processing, the application.</summary>
    public async Task<(HttpStatusCode Status, ApplicationView? Application)> ApplyAsync(Guid jobId, Guid workerId)
    {
        using var client = Client(workerId, UserRole.Worker);
        using var response = await client.PostAsync(new Uri($"/jobs/{jobId}/apply", UriKind.Relative), null);
        return (response.StatusCode, response.StatusCode == HttpStatusCode.Accepted
            ? await response.Content.ReadFromJsonAsync<ApplicationView>(ContractJson.Options)
            : null);
    }

    public IEnumerable<JsonElement> EventsAbout(string topic, string property, Guid id) =>
        Events.Received.Where(e => e.Topic == topic && e.Data.GetProperty(property).GetGuid() == id).Select(e => e.Data);

    /// <summary>The job snapshots published on <paramref name="topic"/> (job-created, job-updated) for one job, in arrival order.</summary>
    public IEnumerable<JsonElement> Snapshots(string topic, Guid jobId) =>
        Events.Received.Where(e => e.Topic == topic).Select(e => e.Data.GetProperty("job")).Where(j => j.GetProperty("jobId").GetGuid() == jobId);

    /// <summary>Delivers an event as daprd does and expects it handled.</summary>
    public async Task DeliverAsync<TEvent>(TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var (status, body) = await Service.DeliverAsync(integrationEvent);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("SUCCESS", body, StringComparison.Ordinal);
    }

    public virtual async Task DisposeAsync()
    {
        await Dapr.DisposeAsync();
        await Users.DisposeAsync();
        await Notifications.DisposeAsync();
        await Events.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class JobsCollection : ICollectionFixture<JobsFixture>
{
    public const string Name = "jobs";
}
