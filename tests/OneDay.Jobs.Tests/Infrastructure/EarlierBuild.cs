using Dapr.Workflow;
using Dapr.Workflow.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneDay.Contracts;
using OneDay.Jobs.Workflows;

namespace OneDay.Jobs.Tests.Infrastructure;

/// <summary>
/// The app as an earlier build deployed it, for <see cref="JobsFixture.RestartServiceAsync"/>: its workflow registrations
/// replaced by the old definition of the application workflow (under the same name, as a deploy keeps it) and the
/// activities that definition calls.
/// </summary>
public static class EarlierBuild
{
    public static Action<IServiceCollection> Of<TWorkflow>(Action<WorkflowRuntimeOptions> activities)
        where TWorkflow : class, IWorkflow => services =>
    {
        services.RemoveAll<IWorkflowsFactory>();
        services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<TWorkflow>(nameof(JobApplicationWorkflow));
            activities(options);
        }).WithJsonSerializer(ContractJson.Options);
    };

    /// <summary>A durable timer firing at <paramref name="at"/>, as the workflow sets one (at once when that has passed).</summary>
    public static Task TimerUntil(WorkflowContext context, DateTimeOffset at)
    {
        var wait = at - new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        return context.CreateTimer(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }
}
