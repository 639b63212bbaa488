using Dapr.Workflow;
using Dapr.Workflow.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Tests.Infrastructure;
using OneDay.Jobs.Workflows;
using OneDay.Testing;

namespace OneDay.Jobs.Tests;

/// <summary>
/// A deploy that changes the application workflow (the halfway reminder, behind <see cref="JobApplicationWorkflow.DecisionReminderPatch"/>)
/// while instances wait: those started by the old build finish on their old path, new ones take the new one.
/// </summary>
public sealed class WorkflowChangeTests(JobsFixture fixture) : IClassFixture<JobsFixture>
{
    [Fact]
    public async Task An_application_waiting_through_the_deploy_expires_unreminded_and_one_applied_after_it_is_reminded_halfway()
    {
        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask, services: DeployedBeforeTheReminder);
        var (oldEmployer, oldWorker, oldApplication) = await ApplyAsync(TimeSpan.FromSeconds(12));
        await Eventually.TrueAsync(async () => (await fixture.ReadAsync(oldApplication, oldWorker, UserRole.Worker)).Workflow?.Step == JobApplicationStep.AwaitingDecision,
            what: "the old build's workflow waiting for the employer");

        await fixture.RestartServiceAsync(whileDown: () => Task.CompletedTask);
        var (newEmployer, newWorker, newApplication) = await ApplyAsync(TimeSpan.FromSeconds(4));

        foreach (var (application, worker) in new[] { (oldApplication, oldWorker), (newApplication, newWorker) })
        {
            var expired = await fixture.WaitForStatusAsync(application, ApplicationStatus.Expired, TimeSpan.FromSeconds(40));
            Assert.Equal(JobApplicationWorkflow.ExpiredReason, expired.Reason);
            await fixture.WaitForWorkflowToFinishAsync(application, worker);
        }
        Assert.Equal(["application-submitted"], Kinds(oldEmployer));
        Assert.Equal(["application-submitted", "application-decision-reminder"], Kinds(newEmployer));
    }

    [Fact]
    public async Task An_employer_who_decides_before_halfway_is_not_reminded()
    {
        var (employer, worker, application) = await ApplyAsync(TimeSpan.FromSeconds(6));
        await fixture.WaitForStatusAsync(application, ApplicationStatus.Submitted);
        using var client = fixture.Client(employer, UserRole.Employer);
        using var accepted = await client.PostAsync(new Uri($"/jobs/applications/{application}/accept", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);

        var finished = await fixture.WaitForWorkflowPastDecisionAsync(application, worker, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(4)); // past the halfway point the reminder would have come at
        Assert.Equal(ApplicationStatus.Accepted, finished.Status);
        Assert.Equal(["application-submitted"], Kinds(employer));
    }

    /// <summary>A Review-mode application whose decision deadline (two hours before the start) is <paramref name="untilDeadline"/> away.</summary>
    private async Task<(Guid Employer, Guid Worker, Guid Application)> ApplyAsync(TimeSpan untilDeadline)
    {
        var employer = Guid.NewGuid();
        var worker = Guid.NewGuid();
        var job = await fixture.PostJobAsync(employer, Terms.Job(startsIn: TimeSpan.FromHours(2) + untilDeadline));
        var (_, application) = await fixture.ApplyAsync(job.Id, worker);
        return (employer, worker, application!.Id);
    }

    private string[] Kinds(Guid employer) => fixture.Notifications.SentTo(employer).Select(n => n.GetProperty("kind").GetString()!).ToArray();

    /// <summary>The app as it was deployed before the reminder: its own workflow registrations replaced by the old definition.</summary>
    private static void DeployedBeforeTheReminder(IServiceCollection services)
    {
        services.RemoveAll<IWorkflowsFactory>();
        services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<WorkflowBeforeTheReminder>(nameof(JobApplicationWorkflow));
            options.RegisterActivity<ConfirmEligibilityActivity>();
            options.RegisterActivity<NotifyEmployerActivity>();
            options.RegisterActivity<SubmitApplicationActivity>();
            options.RegisterActivity<CompensateApplicationActivity>();
        }).WithJsonSerializer(ContractJson.Options);
    }

    /// <summary>
    /// The application workflow of the build before the reminder, on the path these tests take (eligible, employer
    /// told, submitted, waiting until the deadline): the history an instance in flight carries into the deploy.
    /// </summary>
    private sealed class WorkflowBeforeTheReminder : Workflow<JobApplicationWorkflowInput, ApplicationStatus?>
    {
        public override async Task<ApplicationStatus?> RunAsync(WorkflowContext context, JobApplicationWorkflowInput input)
        {
            await context.CallActivityAsync<ApplicantEligibility>(nameof(ConfirmEligibilityActivity), input);
            await context.CallActivityAsync<bool>(nameof(NotifyEmployerActivity), input);
            var submission = await context.CallActivityAsync<Submission>(nameof(SubmitApplicationActivity), input);
            context.SetCustomStatus(new JobApplicationProgress(JobApplicationStep.AwaitingDecision, submission.DecisionDeadline));
            var decided = await context.WaitForExternalEventAsync<ApplicationDecided>(
                ApplicationDecided.EventName, submission.DecisionDeadline - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
            return decided.Status;
        }
    }
}
