using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Tells the employer of a Pending application through notifications: the only road by which the employer
/// hears of it (no event repeats it). Throws when notifications does not take it (the workflow retries). An
/// application no longer Pending (the worker cancelled) is not announced: false.
/// </summary>
public sealed class NotifyEmployerActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start(nameof(JobApplicationStep.NotifyingEmployer), input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, ApplicationStatus.Pending, ApplicationParty.Employer, NotificationKind.ApplicationSubmitted, "application-submitted");
    }
}
