using Dapr.Workflow;
using OneDay.Contracts.Notifications;
using OneDay.Jobs.Applications;

namespace OneDay.Jobs.Workflows;

/// <summary>
/// Reminds the employer, halfway to the decision deadline, of an application still waiting for their answer;
/// throws when notifications does not take it (the workflow retries). An application decided meanwhile is
/// left alone (false).
/// </summary>
public sealed class RemindEmployerActivity(ApplicationNotice notice) : WorkflowActivity<JobApplicationWorkflowInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, JobApplicationWorkflowInput input)
    {
        using var span = StepSpan.Start("RemindingEmployer", input.ApplicationId, input.TraceParent);
        return await notice.SendAsync(input.ApplicationId, ApplicationStatus.Submitted, ApplicationParty.Employer, NotificationKind.ApplicationDecisionReminder, "application-decision-reminder");
    }
}
