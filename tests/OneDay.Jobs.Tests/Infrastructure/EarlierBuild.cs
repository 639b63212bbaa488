using Dapr.Workflow;
using Dapr.Workflow.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneDay.Contracts;
using OneDay.Contracts.Users;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>
/// The app as an earlier build deployed it, for <see cref="JobsFixture.RestartServiceAsync"/>: its workflow registrations
/// replaced by the old definition of the application workflow (under the same name, as a deploy keeps it) and the
/// activities that definition calls.
/// </summary>
public static class EarlierBuild
{
    /// <summary>
    /// The build whose application workflow is <typeparamref name="TWorkflow"/>, with the activities every build had (eligibility,
    /// telling the employer, the submission) and those <paramref name="more"/> registers.
    /// </summary>
    public static Action<IServiceCollection> Of<TWorkflow>(Action<WorkflowRuntimeOptions>? more = null)
        where TWorkflow : class, IWorkflow => services =>
    {
        services.RemoveAll<IWorkflowsFactory>();
        services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<TWorkflow>(nameof(JobApplicationWorkflow));
            options.RegisterActivity<ConfirmEligibilityActivity>();
            options.RegisterActivity<NotifyEmployerActivity>();
            options.RegisterActivity<SubmitApplicationActivity>();
            more?.Invoke(options);
        }).WithJsonSerializer(ContractJson.Options);
    };

    /// <summary>The first steps as every build took them on the path the tests take: found eligible, the employer told, submitted.</summary>
    public static async Task<Submission> SubmittedAsync(WorkflowContext context, JobApplicationWorkflowInput input)
    {
        await context.CallActivityAsync<ApplicantEligibility>(nameof(ConfirmEligibilityActivity), input);
        await context.CallActivityAsync<bool>(nameof(NotifyEmployerActivity), input);
        return await context.CallActivityAsync<Submission>(nameof(SubmitApplicationActivity), input);
    }

    /// <summary>
    /// Shows <paramref name="step"/> and waits, as the workflow does, for the first of <paramref name="events"/> or a durable
    /// timer firing at <paramref name="until"/> (at once when that has passed).
    /// </summary>
    public static Task UntilAsync(WorkflowContext context, JobApplicationStep step, DateTimeOffset until, params Task[] events)
    {
        context.SetCustomStatus(new JobApplicationProgress(step, ShiftDeadline: until));
        var wait = until - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        return Task.WhenAny([.. events, context.CreateTimer(wait > TimeSpan.Zero ? wait : TimeSpan.Zero)]);
    }
}
