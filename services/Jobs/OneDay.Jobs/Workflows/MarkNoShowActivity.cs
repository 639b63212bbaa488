using Dapr.Workflow;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Nobody checked in by the start plus the grace: the application becomes NoShow and its place opens again,
/// through the guarded transition (a re-run, or a check-in that got in first, changes nothing). Answers what
/// the application now is. The waitlisted application the place went to has its workflow told.
/// </summary>
public sealed class MarkNoShowActivity(ApplicationLifecycle lifecycle, JobApplicationWorkflows workflows) : WorkflowActivity<JobApplicationWorkflowInput, ApplicationStatus?>
{
    public override async Task<ApplicationStatus?> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("MarkingNoShow", input.ApplicationId, input.TraceParent);
        await workflows.TellPromotedAsync(await lifecycle.MarkNoShowAsync(input.ApplicationId, CancellationToken.None), CancellationToken.None);
        return await lifecycle.StatusAsync(input.ApplicationId, CancellationToken.None);
    }
}
